package com.reconflow.matching;

import com.reconflow.run.RunService;
import com.reconflow.support.H2AppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

class MatchesStoredInHalvesOnH2Test extends H2AppTest implements MatchesStoredInHalves {

    @Autowired
    private RunService runService;

    @Autowired
    private DayMatching dayMatching;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Override
    public RunService runService() {
        return runService;
    }

    @Override
    public DayMatching dayMatching() {
        return dayMatching;
    }

    @Override
    public PlatformTransactionManager transactionManager() {
        return transactionManager;
    }
}
