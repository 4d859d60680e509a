package com.reconflow.matching;

import com.reconflow.support.H2AppTest;

class MatchesStoredInHalvesOnH2Test extends H2AppTest implements MatchesStoredInHalves {
}
