package com.reconflow.matching;

import com.reconflow.support.MariaDbAppTest;

class MatchesStoredInHalvesOnMariaDbTest extends MariaDbAppTest implements MatchesStoredInHalves {
}
