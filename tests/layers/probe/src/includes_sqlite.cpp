// Probe source: never compiled; the include line is what the layer check must see.
#include <sqlite3.h>
