// SIGKILL during writes, 200 times: every request the writer reported as committed must be
// in the database afterwards, and the database must pass integrity_check every time
// (SQLite WAL + synchronous=FULL). The SQLite way: kill, reopen, check.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/store_access.h"
#include "support/temp_dir.h"
#include "app/bootstrap.h"
#include "fake/fake_pin_hasher.h"

namespace {

constexpr int kRounds = 200;

struct Child {
  pid_t pid = -1;
  int out = -1;
};

Child start_writer(const std::string& data_dir) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(VSK_KILL_WRITER, VSK_KILL_WRITER, data_dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  return {pid, fds[0]};
}

// Reads from the child until it has printed `lines` complete lines (or closed the pipe).
std::string read_lines(int fd, int lines) {
  std::string text;
  char buf[4096];
  ssize_t n;
  while (std::count(text.begin(), text.end(), '\n') < lines && (n = read(fd, buf, sizeof buf)) > 0)
    text.append(buf, static_cast<size_t>(n));
  return text;
}

// Everything the child printed before it died: each line is a committed receipt number.
std::vector<std::string> read_all(int fd, std::string text) {
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && in.good()) lines.push_back(line);  // a line cut by the kill has no '\n'
  return lines;
}

}  // namespace

TEST(FaultKillLoop, NoCommittedRequestIsLostAcross200Kills) {
  vsk::test_support::TempDir dir;
  vsk::platform::FakePinHasher hasher;
  { vsk::app::open_village(dir.path(), hasher, true); }  // seed once
  std::mt19937 rng(20261123);
  std::uniform_int_distribution<int> delay_us(2000, 40000);
  std::uniform_int_distribution<int> receipts_first(0, 2);
  std::vector<std::string> committed;
  for (int round = 0; round < kRounds; ++round) {
    Child child = start_writer(dir.path());
    ASSERT_GT(child.pid, 0);
    // The fault point: after 0-2 receipts (so the loop writes however slow the machine is; with 0
    // the kill can land in start-up too), then anywhere within the next writes.
    const std::string early = read_lines(child.out, receipts_first(rng));
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    kill(child.pid, SIGKILL);
    int status = 0;
    waitpid(child.pid, &status, 0);
    const auto lines = read_all(child.out, early);
    close(child.out);
    committed.insert(committed.end(), lines.begin(), lines.end());

    auto village = vsk::app::open_village(dir.path(), hasher, false);
    ASSERT_EQ(vsk::test_support::raw_db(*village.store).integrity_check(), "ok") << "round " << round;
    for (const auto& number : lines)
      ASSERT_TRUE(village.store->requests().find_by_number(number)) << number << " lost in round " << round;
  }
  // The loop must actually have written: otherwise it proved nothing. Waiting for 0-2 receipts
  // per round makes about one per round certain, whatever the load.
  EXPECT_GT(committed.size(), static_cast<size_t>(kRounds / 2));
  auto village = vsk::app::open_village(dir.path(), hasher, false);
  for (const auto& number : committed) EXPECT_TRUE(village.store->requests().find_by_number(number)) << number;
}
