// Probe source: never compiled.
int probe_mid() { return 0; }
