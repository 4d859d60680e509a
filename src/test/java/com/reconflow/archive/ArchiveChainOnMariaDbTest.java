package com.reconflow.archive;

import com.reconflow.support.MariaDbAppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

class ArchiveChainOnMariaDbTest extends MariaDbAppTest implements ArchiveChain {

    @Autowired
    ArchiveService archiveService;

    @Autowired
    ArchiveVerifier verifier;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Override
    public ArchiveService archiveService() {
        return archiveService;
    }

    @Override
    public ArchiveVerifier verifier() {
        return verifier;
    }

    @Override
    public PlatformTransactionManager transactionManager() {
        return transactionManager;
    }
}
