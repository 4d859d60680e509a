-- Files the SFTP routes have imported, remembered across restarts and shared by all nodes: the table
-- that camel-sql's JdbcMessageIdRepository reads and writes (its names, unquoted, as it queries them).
-- processorName is the route (sftp-<source>), messageId the file's name, size and modification time.
-- Created here rather than by Camel so that the schema has one owner; wider ids than Camel's default.
-- Portable between H2 and MySQL 8 / MariaDB.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(100) NOT NULL,
    messageId     VARCHAR(500) NOT NULL,
    createdAt     DATETIME(3)  NOT NULL,
    CONSTRAINT pk_camel_messageprocessed PRIMARY KEY (processorName, messageId)
);
