// Probe source: never compiled; steps around the include roots with "../".
#include "../layers/other/other.h"
