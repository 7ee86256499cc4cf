// Probe header of a layer the domain does not link.
#pragma once
inline int probe_other() { return 1; }
