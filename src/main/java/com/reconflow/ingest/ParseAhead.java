package com.reconflow.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Reads a file on a thread of its own while the import's thread writes what was read, so that
 * parsing and writing overlap. Only a few chunks of rows wait between the two, so memory stays
 * bounded. The writer gets every row in the file's order, exactly as if the parser had handed them
 * over itself, and a parser's failure (a file rejected at its last line) reaches the import's thread
 * as the exception it was. The reading thread never touches the database: the transaction stays on
 * the import's thread.
 */
final class ParseAhead {

    static final int CHUNK = 1000;
    private static final int CHUNKS_AHEAD = 4;

    /** Where the rows go, on the import's thread. */
    interface Rows {
        void add(StoredRecord record);

        void reject(RowError error);

        void columns(int line, List<String> names);
    }

    private ParseAhead() {
    }

    /**
     * Runs {@code parse} with a sink on a reading thread and hands its rows to {@code into} on this one;
     * returns when the file is read and every row handed over, or throws what the parse threw.
     */
    static void parse(String fileName, Consumer<RecordSink> parse, Rows into) {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
        Reader reader = new Reader(queue);
        Thread thread = new Thread(() -> reader.run(parse), "read " + fileName);
        thread.setDaemon(true);
        thread.start();
        boolean finished = false;
        try {
            while (!finished) {
                Chunk chunk = takeUninterruptibly(queue);
                for (Object row : chunk.rows()) {
                    if (row instanceof StoredRecord record) {
                        into.add(record);
                    } else if (row instanceof Columns columns) {
                        into.columns(columns.line(), columns.names());
                    } else {
                        into.reject((RowError) row);
                    }
                }
                if (chunk.failure() != null) {
                    finished = true;
                    throw rethrown(chunk.failure());
                }
                finished = chunk.last();
            }
        } finally {
            if (!finished) {
                thread.interrupt(); // the writing failed: the reader stops at its next chunk
            }
            joinUninterruptibly(thread);
        }
    }

    /** Rows in the file's order: records ready to store, row errors, or the columns of the rows after them. */
    private record Chunk(List<Object> rows, boolean last, Throwable failure) {
    }

    private record Columns(int line, List<String> names) {
    }

    /** The sink the parser writes into, on the reading thread. */
    private static final class Reader implements RecordSink {
        private final BlockingQueue<Chunk> queue;
        private List<Object> rows = new ArrayList<>(CHUNK);
        /** Whether the rows read so far have named columns, so their raw lines say what their values are. */
        private boolean columnsNamed;

        Reader(BlockingQueue<Chunk> queue) {
            this.queue = queue;
        }

        void run(Consumer<RecordSink> parse) {
            try {
                parse.accept(this);
                put(new Chunk(rows, true, null));
            } catch (Abandoned writerGone) {
                // nobody waits for the rest
            } catch (Throwable failure) {
                try {
                    put(new Chunk(List.of(), true, failure));
                } catch (Abandoned writerGone) {
                    // nobody waits for the failure either
                }
            }
        }

        @Override
        public void accept(CanonicalRecord record) {
            add(ImportBatch.prepare(record, columnsNamed));
        }

        @Override
        public void columns(int line, List<String> names) {
            columnsNamed = true;
            add(new Columns(line, List.copyOf(names)));
        }

        @Override
        public void reject(RowError error) {
            add(error);
        }

        private void add(Object row) {
            rows.add(row);
            if (rows.size() >= CHUNK) {
                put(new Chunk(rows, false, null));
                rows = new ArrayList<>(CHUNK);
            }
        }

        private void put(Chunk chunk) {
            try {
                queue.put(chunk);
            } catch (InterruptedException e) {
                throw new Abandoned();
            }
        }
    }

    /** The import's thread stopped taking rows: reading ends. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super(null, null, false, false);
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException e) {
            return e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(failure);
    }

    /**
     * An import, once started, ends by itself: an interrupt (a route stopping) is kept for the caller
     * rather than failing the file half-way, as when the import ran on one thread.
     */
    private static Chunk takeUninterruptibly(BlockingQueue<Chunk> queue) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return queue.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
