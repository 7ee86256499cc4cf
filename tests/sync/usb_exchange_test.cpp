// The kiosk's on-screen USB work (sync/client/usb_exchange.h) against a folder standing in for
// the stick, with the real township-server command line at the township: a missing stick, a
// mistyped code, the enrollment request and reply, an exchange both ways with progress, a stick
// holding only another kiosk's answer, and one holding no answer at all.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/temp_dir.h"
#include "process_fixtures.h"
#include "sync/client/usb_exchange.h"

namespace vsk::test_support {
namespace {

using app::UsbJob;
using app::UsbProgress;

const std::string kAssets = std::string(VSK_SOURCE_DIR) + "/assets";

UsbProgress run(sync::UsbExchange& usb, UsbJob job, const std::string& code = "") {
  EXPECT_TRUE(usb.start(job, code));
  usb.wait();
  const UsbProgress p = usb.progress();
  EXPECT_TRUE(p.finished);
  EXPECT_FALSE(p.running);
  return p;
}

bool exists(const std::string& path) { return std::filesystem::exists(path); }

TEST(UsbExchange, EnrollsAndExchangesThroughAFolderStandingInForTheStick) {
  Server server{Backend::kSqlite};
  TownshipProcess town(kTownship, server.dir.path(), server.options());
  TempDir stick;
  KioskDir k;
  ASSERT_EQ(ctl(k.dir.path(), {"seed"}).exit_code, 0);

  sync::UsbExchange absent(k.dir.path(), kAssets, stick.file("not-plugged-in"));
  EXPECT_EQ(run(absent, UsbJob::kEnrollRequest, "2345-6789-ABCD").error_code, "usb.no_stick");

  sync::UsbExchange usb(k.dir.path(), kAssets, stick.path());
  EXPECT_EQ(run(usb, UsbJob::kEnrollRequest, "ABC").error_code, "bad_code_format");
  EXPECT_EQ(run(usb, UsbJob::kImport).error_code, "usb.no_reply") << "an empty stick";
  const std::string code = trim(run_process(town.cli({"enroll", "--village", "青山村"})).out);
  const UsbProgress req = run(usb, UsbJob::kEnrollRequest, code);
  ASSERT_TRUE(req.ok) << req.error_code;
  EXPECT_EQ(req.file, "QS1-enroll.vsk");
  ASSERT_TRUE(exists(stick.file("QS1-enroll.vsk")));
  // Only the kiosk's own request on the stick: no answer yet.
  EXPECT_EQ(run(usb, UsbJob::kEnrollReply).error_code, "usb.no_reply");

  ASSERT_EQ(run_process(town.cli({"import-bundle", stick.file("QS1-enroll.vsk"), "--reply",
                                  stick.file("QS1-enrolled.vsk")}))
                .exit_code,
            0);
  const UsbProgress enrolled = run(usb, UsbJob::kEnrollReply);
  ASSERT_TRUE(enrolled.ok) << enrolled.error_code;
  EXPECT_EQ(enrolled.file, "QS1-enrolled.vsk");
  const auto status = nlohmann::json::parse(ctl(k.dir.path(), {"sync-status", "--json"}).out);
  ASSERT_TRUE(status["enrolled"].get<bool>());
  const std::int64_t pending = status["pending"];

  const UsbProgress out = run(usb, UsbJob::kExport);
  ASSERT_TRUE(out.ok) << out.error_code;
  EXPECT_EQ(out.file, "QS1-to-township.vsk");
  EXPECT_EQ(out.sent, pending);
  EXPECT_GT(out.total, 0);
  EXPECT_EQ(out.done, out.total) << "progress counts every envelope built";
  ASSERT_EQ(run_process(town.cli({"import-bundle", stick.file("QS1-to-township.vsk"), "--reply",
                                  stick.file("QS1-from-township.vsk")}))
                .exit_code,
            0);
  const UsbProgress in = run(usb, UsbJob::kImport);
  ASSERT_TRUE(in.ok) << in.error_code;
  EXPECT_EQ(in.sent, pending);
  EXPECT_EQ(in.done, in.total);
  EXPECT_EQ(nlohmann::json::parse(ctl(k.dir.path(), {"sync-status", "--json"}).out)["pending"], 0);
  // Everything on the stick again: nothing changes, still fine.
  const UsbProgress again = run(usb, UsbJob::kImport);
  EXPECT_TRUE(again.ok) << again.error_code;
  EXPECT_EQ(again.received, 0);

  // A stick carrying only another kiosk's answer.
  TempDir other_stick;
  std::filesystem::copy_file(stick.file("QS1-from-township.vsk"), other_stick.file("QS1-from-township.vsk"));
  KioskDir other;
  ASSERT_EQ(ctl(other.dir.path(), {"seed"}).exit_code, 0);
  sync::UsbExchange other_usb(other.dir.path(), kAssets, other_stick.path());
  ASSERT_TRUE(run(other_usb, UsbJob::kEnrollRequest, trim(run_process(town.cli({"enroll", "--village", "青山村"})).out)).ok);
  ASSERT_EQ(run_process(town.cli({"import-bundle", other_stick.file("QS1-enroll.vsk"), "--reply",
                                  other_stick.file("reply.vsk")}))
                .exit_code,
            0);
  ASSERT_TRUE(run(other_usb, UsbJob::kEnrollReply).ok);
  std::filesystem::remove(other_stick.file("reply.vsk"));
  EXPECT_EQ(run(other_usb, UsbJob::kImport).error_code, "wrong_kiosk");
  // A file that is no bundle at all is ignored, not imported.
  { std::ofstream(other_stick.file("photo.vsk"), std::ios::binary) << "\xff\xd8\xff\xe0 not a bundle"; }
  EXPECT_EQ(run(other_usb, UsbJob::kImport).error_code, "wrong_kiosk");
}

}  // namespace
}  // namespace vsk::test_support
