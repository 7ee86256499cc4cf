// Probe source: never compiled.
int probe_domain() { return 0; }
