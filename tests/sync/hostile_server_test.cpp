// One township server per data dir and per port (issue 17): a second start on the same data
// dir is refused with a message (it used to start and, through SO_REUSEPORT, share the port
// and split the kiosks' traffic); a second server on the same port fails to bind.
#include <gtest/gtest.h>

#include "hostile_support.h"

namespace vsk::test_support {
namespace {

TEST(HostileServer, ASecondServerOnTheSameDataDirIsRefused) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path());
  town.start();
  TownshipProcess second(kTownship, server.dir.path());
  EXPECT_THROW(second.start(), std::runtime_error);  // exits without "listening"
  const auto r = run_process({kTownship, "--data-dir", server.dir.path(), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(healthy(town));
  // The lock goes with the process, even killed: a restart is never blocked by it.
  town.kill(SIGKILL);
  town.start();
  EXPECT_TRUE(healthy(town));
}

TEST(HostileServer, ASecondServerOnTheSamePortIsRefused) {
  Server a{Backend::kSqlite}, b{Backend::kSqlite};
  TownshipProcess first(kTownship, a.dir.path());
  first.start();
  const std::string port = first.url().substr(first.url().rfind(':') + 1);
  const auto r = run_process({kTownship, "--data-dir", b.dir.path(), "--listen", "127.0.0.1:" + port});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(healthy(first));
}

}  // namespace
}  // namespace vsk::test_support
