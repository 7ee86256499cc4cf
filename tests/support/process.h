// Real processes for sync tests: the township-server binary on 127.0.0.1 (started, killed,
// restarted) and kioskctl runs with their output and exit status.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace vsk::test_support {

struct RunResult {
  int exit_code = -1;  // 128+signal when killed
  std::string out;
};

// Runs argv[0] with the arguments; captures stdout (stderr goes to the test log).
inline RunResult run_process(const std::vector<std::string>& argv) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe");
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(fds[1]);
  RunResult r;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) r.out.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

// Starts a process and returns its pid without waiting (stdout to /dev/null).
inline pid_t spawn_process(const std::vector<std::string>& argv) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

inline int wait_process(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// township-server --data-dir DIR [OPTIONS] --listen 127.0.0.1:PORT, as a child process;
// OPTIONS (e.g. --database URL) go to its command-line runs too.
class TownshipProcess {
 public:
  TownshipProcess(std::string binary, std::string data_dir, std::vector<std::string> options = {})
      : binary_(std::move(binary)), dir_(std::move(data_dir)), options_(std::move(options)) {}
  ~TownshipProcess() { kill(SIGTERM); }

  // Port 0 on the first start picks a free port; restarts reuse it.
  void start() {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], 1);
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, 2);
      close(fds[0]);
      close(fds[1]);
      std::vector<std::string> argv = cli({"--listen", "127.0.0.1:" + std::to_string(port_)});
      std::vector<char*> args;
      for (auto& a : argv) args.push_back(a.data());
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
    close(fds[1]);
    std::string line;
    char c;
    while (read(fds[0], &c, 1) == 1 && c != '\n') line += c;
    close(fds[0]);
    const auto colon = line.rfind(':');
    if (line.rfind("listening ", 0) != 0 || colon == std::string::npos)
      throw std::runtime_error("township-server did not start: '" + line + "'");
    port_ = std::stoi(line.substr(colon + 1));
  }
  void kill(int sig) {
    if (pid_ <= 0) return;
    ::kill(pid_, sig);
    wait_process(pid_);
    pid_ = -1;
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> cli(std::vector<std::string> args) const {
    args.insert(args.begin(), options_.begin(), options_.end());
    args.insert(args.begin(), {binary_, "--data-dir", dir_});
    return args;
  }
  pid_t pid() const { return pid_; }
  // For the next start() and cli() (same data dir, same port).
  void set_options(std::vector<std::string> options) { options_ = std::move(options); }

 private:
  std::string binary_, dir_;
  std::vector<std::string> options_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace vsk::test_support
