// The pg_cluster ctest fixture: `pg_test_cluster start STATE_DIR` starts one throwaway
// cluster for the whole test run and writes "DIR PORT" to STATE_DIR/cluster;
// `pg_test_cluster stop STATE_DIR` stops it and removes it.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "pg_test_cluster.h"

int main(int argc, char** argv) {
  using vsk::test_support::PgCluster;
  if (argc != 3) {
    std::cerr << "usage: pg_test_cluster start|stop STATE_DIR\n";
    return 2;
  }
  const std::string command = argv[1], state_dir = argv[2], state = state_dir + "/cluster";
  try {
    if (command == "start") {
      std::filesystem::create_directories(state_dir);
      auto c = PgCluster::start_new();
      std::ofstream(state) << c->dir() << " " << c->port() << "\n";
      std::cout << "PostgreSQL test cluster on 127.0.0.1:" << c->port() << " in " << c->dir() << "\n";
      c.release();  // keeps running for the other tests
      return 0;
    }
    if (command == "stop") {
      std::ifstream in(state);
      std::string dir;
      int port = 0;
      if (!(in >> dir >> port)) return 0;
      auto c = PgCluster::attach(dir, port);
      c->stop();
      std::filesystem::remove(state);
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "pg_test_cluster: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "usage: pg_test_cluster start|stop STATE_DIR\n";
  return 2;
}
