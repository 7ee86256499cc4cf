// Throwaway PostgreSQL clusters for tests, started by the tests themselves: initdb + pg_ctl
// in a temporary directory on 127.0.0.1 (as the `postgres` user through runuser when the
// tests run as root, which PostgreSQL refuses). One cluster is shared by a whole ctest run
// (the pg_cluster fixture: tests/support/pg_test_cluster_main.cpp writes its address to
// VSK_PG_STATE_DIR/admin_url); a test binary run by hand starts its own on first use and
// stops it at exit. Each test gets a fresh database owned by `vsk_app`, an ordinary role, so
// row-level security binds it as it binds a real server.
#pragma once

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/process.h"
#include "postgres/pg_db.h"

namespace vsk::test_support {

inline constexpr const char* kPgAppRole = "vsk_app";

inline int free_tcp_port() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len);
  close(s);
  return ntohs(addr.sin_port);
}

class PgCluster {
 public:
  // A new cluster in a new temporary directory, running. `conf`: extra postgresql.conf lines.
  static std::unique_ptr<PgCluster> start_new(const std::vector<std::string>& conf = {}) {
    auto c = std::unique_ptr<PgCluster>(new PgCluster(make_dir(), free_tcp_port()));
    c->run_tool({"initdb", "-D", c->data(), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8",
                 "--locale=C.UTF-8"});
    c->write_conf(conf);
    c->start();
    c->admin_exec("CREATE ROLE " + std::string(kPgAppRole) + " LOGIN CREATEDB");
    return c;
  }
  // A streaming standby of `primary` (pg_basebackup -R), running.
  static std::unique_ptr<PgCluster> start_standby_of(const PgCluster& primary) {
    auto c = std::unique_ptr<PgCluster>(new PgCluster(make_dir(), free_tcp_port()));
    c->run_tool({"pg_basebackup", "-h", "127.0.0.1", "-p", std::to_string(primary.port()), "-U", "postgres", "-D",
                 c->data(), "-R", "-X", "stream", "--checkpoint=fast", "--no-sync"});
    c->write_conf({});
    c->start();
    return c;
  }
  ~PgCluster() {
    if (owned_) stop();
  }
  // Takes over a running cluster started by another process (the ctest fixture).
  static std::unique_ptr<PgCluster> attach(const std::string& dir, int port) {
    auto c = std::unique_ptr<PgCluster>(new PgCluster(dir, port));
    c->owned_ = false;
    return c;
  }

  void stop() {
    if (dir_.empty()) return;
    run_process(as_owner({tool("pg_ctl"), "-D", data(), "-m", "immediate", "-w", "stop"}));
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    dir_.clear();
  }
  void start() {
    const auto r = run_process(as_owner({tool("pg_ctl"), "-D", data(), "-l", dir_ + "/log", "-w", "-t", "60", "start"}));
    if (r.exit_code != 0) throw std::runtime_error("pg_ctl start failed: " + r.out + log_tail());
  }
  // Stops the server and keeps its data directory (to restore into it, say).
  void halt() {
    const auto r = run_process(as_owner({tool("pg_ctl"), "-D", data(), "-m", "fast", "-w", "stop"}));
    if (r.exit_code != 0) throw std::runtime_error("pg_ctl stop failed: " + r.out);
  }
  // Runs a program as the cluster's owner (postgres when the tests run as root).
  RunResult run_as_owner(std::vector<std::string> argv) const { return run_process(as_owner(std::move(argv))); }
  std::string data() const { return dir_ + "/data"; }
  // A standby becomes a primary (pg_ctl promote); returns pg_ctl's exit status.
  int promote() { return run_process(as_owner({tool("pg_ctl"), "-D", data(), "-w", "promote"})).exit_code; }
  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  std::string url(const std::string& db = "postgres", const std::string& user = "postgres") const {
    return "postgresql://" + user + "@127.0.0.1:" + std::to_string(port_) + "/" + db;
  }
  void admin_exec(const std::string& sql, const std::string& db = "postgres") const {
    pg::Connection c(url(db));
    c.exec(sql);
  }
  // Ends every server process of the township server (application_name township-server or
  // the tests' own), as an operator's pg_terminate_backend would; returns how many.
  int terminate_backends(const std::string& db) const {
    pg::Connection c(url());
    auto s = c.prepare("SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                       "WHERE datname = $1 AND pid <> pg_backend_pid()");
    s.bind(1, db);
    s.step();
    return static_cast<int>(s.column_int(0));
  }

 private:
  PgCluster(std::string dir, int port) : dir_(std::move(dir)), port_(port) {}
  static std::string bindir() { return VSK_PG_BINDIR; }
  static std::string tool(const std::string& name) { return bindir() + "/" + name; }
  static bool as_root() { return geteuid() == 0; }
  static std::string make_dir() {
    char tmpl[] = "/tmp/vsk-pg-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp");
    if (as_root()) {
      const passwd* pw = getpwnam("postgres");
      if (!pw) throw std::runtime_error("no postgres user: install postgresql-15 (scripts/install-deps.sh)");
      if (chown(tmpl, pw->pw_uid, pw->pw_gid) != 0) throw std::runtime_error("chown");
    }
    return tmpl;
  }
  static std::vector<std::string> as_owner(std::vector<std::string> argv) {
    if (as_root()) argv.insert(argv.begin(), {"/usr/sbin/runuser", "-u", "postgres", "--"});
    return argv;
  }
  void run_tool(std::vector<std::string> argv) {
    argv[0] = tool(argv[0]);
    const auto r = run_process(as_owner(argv));
    if (r.exit_code != 0) throw std::runtime_error(argv[0] + " failed (" + std::to_string(r.exit_code) + "): " + r.out);
  }
  void write_conf(const std::vector<std::string>& extra) {
    // Durability is not under test in a throwaway cluster: fsync off keeps CI quick.
    std::ofstream f(data() + "/postgresql.auto.conf", std::ios::app);
    f << "listen_addresses = '127.0.0.1'\nport = " << port_ << "\nunix_socket_directories = '" << dir_
      << "'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 300\n"
      << "log_min_messages = warning\n";
    for (const auto& line : extra) f << line << "\n";
  }
  std::string log_tail() const {
    std::ifstream f(dir_ + "/log");
    std::string all((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
  }

  std::string dir_;
  int port_;
  bool owned_ = true;
};

// The cluster this test run uses: the fixture's when it is up, else one of our own.
inline PgCluster& shared_pg_cluster() {
  static std::mutex m;
  static std::unique_ptr<PgCluster> cluster;
  std::lock_guard lock(m);
  if (cluster) return *cluster;
  std::ifstream state(std::string(VSK_PG_STATE_DIR) + "/cluster");
  std::string dir;
  int port = 0;
  if (state >> dir >> port) {
    auto attached = PgCluster::attach(dir, port);
    try {
      pg::Connection probe(attached->url());
      cluster = std::move(attached);
      return *cluster;
    } catch (const pg::PgError&) {
      // A stale file from an earlier run: start our own.
    }
  }
  cluster = PgCluster::start_new();
  return *cluster;
}

// A fresh database for one test, dropped afterwards; the township server reaches it as
// the ordinary role vsk_app.
class PgTestDatabase {
 public:
  explicit PgTestDatabase(PgCluster& cluster = shared_pg_cluster()) : cluster_(cluster) {
    static std::atomic<int> n{0};
    name_ = "vsk_t" + std::to_string(getpid()) + "_" + std::to_string(++n);
    cluster_.admin_exec("CREATE DATABASE " + name_ + " OWNER " + kPgAppRole);
  }
  ~PgTestDatabase() {
    try {
      cluster_.admin_exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (...) {
      // The cluster went away first; nothing left to drop.
    }
  }
  const std::string& name() const { return name_; }
  std::string url() const { return cluster_.url(name_, kPgAppRole); }
  PgCluster& cluster() { return cluster_; }

 private:
  PgCluster& cluster_;
  std::string name_;
};

}  // namespace vsk::test_support
