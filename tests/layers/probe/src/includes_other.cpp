// Probe source: includes a header of a layer its target does not link; must not compile.
#include "other/other.h"
int probe_reaches_other() { return probe_other(); }
