// A village with no link at all (issue 19), through the real command lines: a kiosk enrolls
// by USB stick, exchanges bundles, replays every file, is refused with a reason for a reply of
// another kiosk, an expired, used or mistyped code and a damaged file, and is replaced by a
// new PC whose history comes from the township, with the op-id lists of both ends compared.
// No township server process runs in any of these: only its command line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "support/raw_bytes.h"
#include "support/temp_dir.h"
#include "process_fixtures.h"

namespace vsk::test_support {
namespace {

using nlohmann::json;

// stdout and stderr together: the refusals are on stderr.
RunResult run_all(std::vector<std::string> argv) {
  argv.insert(argv.begin(), {"/bin/sh", "-c", "exec \"$@\" 2>&1", "sh"});
  return run_process(argv);
}

RunResult ctl_all(const std::string& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {kKioskctl, "--data-dir", dir});
  return run_all(args);
}

json status_of(const KioskDir& k) { return json::parse(ctl(k.dir.path(), {"sync-status", "--json"}).out); }

std::vector<std::string> history_of(KioskDir& k) {
  platform::FakePinHasher hasher;
  auto v = app::open_village(k.dir.path(), hasher, false);
  return v.store->sync().history_op_ids();
}

class UsbVillage : public ::testing::TestWithParam<Backend> {
 protected:
  Server server{GetParam()};
  TempDir stick;
  TownshipProcess town{kTownship, server.dir.path(), server.options()};

  RunResult township(std::vector<std::string> args) { return run_all(town.cli(std::move(args))); }
  std::string code_for(const std::string& village, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"enroll", "--village", village};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_process(town.cli(args));
    EXPECT_EQ(r.exit_code, 0);
    return trim(r.out);
  }
  // Request on the stick, township imports it, reply back on the kiosk: the device id.
  std::string enroll_by_usb(KioskDir& k, const std::string& code, const std::string& name) {
    const std::string req = stick.file(name + "-request.vsk"), reply = stick.file(name + "-reply.vsk");
    EXPECT_EQ(ctl(k.dir.path(), {"enroll", "--usb", req, "--code", code}).exit_code, 0);
    const auto in = township({"import-bundle", req, "--reply", reply});
    EXPECT_EQ(in.exit_code, 0) << in.out;
    const auto back = ctl_all(k.dir.path(), {"import-bundle", reply});
    EXPECT_EQ(back.exit_code, 0) << back.out;
    EXPECT_NE(back.out.find("enrolled by USB"), std::string::npos) << back.out;
    k.device = status_of(k)["device_id"];
    return k.device;
  }
  // One exchange: the kiosk's bundle to the township and its answer back; the kiosk's report.
  json exchange(KioskDir& k, const std::string& name) {
    const std::string out = stick.file(name + ".vsk"), back = stick.file(name + "-back.vsk");
    EXPECT_EQ(ctl(k.dir.path(), {"export-bundle", out}).exit_code, 0);
    const auto in = township({"import-bundle", out, "--reply", back});
    EXPECT_EQ(in.exit_code, 0) << in.out;
    const auto r = ctl(k.dir.path(), {"import-bundle", back, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return json::parse(r.out);
  }
};

TEST_P(UsbVillage, EnrollsExchangesAndEveryFileTwiceChangesNothing) {
  KioskDir k;
  ASSERT_EQ(ctl(k.dir.path(), {"seed"}).exit_code, 0);
  // Before: the USB path needs an enrollment, and there is no server to reach.
  const auto early = ctl_all(k.dir.path(), {"export-bundle", stick.file("early.vsk")});
  EXPECT_EQ(early.exit_code, 1);
  EXPECT_NE(early.out.find("not enrolled"), std::string::npos) << early.out;
  ASSERT_EQ(run_process(town.cli({"publish-notice", "--village", "青山村", "--title", "冬季防火通知", "--body",
                                   "请各户检查电线。"}))
                .exit_code,
            0);
  const std::string code = code_for("青山村");
  const std::string req = stick.file("request.vsk"), reply = stick.file("reply.vsk");
  ASSERT_EQ(ctl(k.dir.path(), {"enroll", "--usb", req, "--code", code}).exit_code, 0);
  const std::string request_bytes = read_file_bytes(req);
  EXPECT_EQ(request_bytes.find(code), std::string::npos) << "the code itself must not be on the stick";
  // The same code again writes the same request (staff pressed it twice).
  ASSERT_EQ(ctl(k.dir.path(), {"enroll", "--usb", stick.file("request2.vsk"), "--code", code}).exit_code, 0);
  EXPECT_EQ(read_file_bytes(stick.file("request2.vsk")), request_bytes);

  const auto in = township({"import-bundle", req, "--reply", reply});
  ASSERT_EQ(in.exit_code, 0) << in.out;
  EXPECT_NE(in.out.find("enrolled kiosk"), std::string::npos) << in.out;
  // The request again: the same kiosk, a reply again, still one kiosk at the township.
  const auto again = township({"import-bundle", req, "--reply", stick.file("reply-again.vsk")});
  ASSERT_EQ(again.exit_code, 0) << again.out;
  EXPECT_NE(again.out.find("imported before"), std::string::npos) << again.out;
  EXPECT_EQ(json::parse(run_process(town.cli({"stats", "--json"})).out)["kiosks"].size(), 1u);

  const auto back = ctl_all(k.dir.path(), {"import-bundle", reply});
  ASSERT_EQ(back.exit_code, 0) << back.out;
  const json st = status_of(k);
  ASSERT_TRUE(st["enrolled"].get<bool>());
  k.device = st["device_id"];
  EXPECT_EQ(st["village"], "青山村");
  EXPECT_NE(ctl(k.dir.path(), {"notices", "list"}).out.find("冬季防火通知"), std::string::npos)
      << "the first pull pages came with the reply";
  // Both replies again: nothing new.
  for (const char* f : {"reply.vsk", "reply-again.vsk"}) {
    const auto r = ctl(k.dir.path(), {"import-bundle", stick.file(f), "--json"});
    ASSERT_EQ(r.exit_code, 0) << f << r.out;
    EXPECT_EQ(json::parse(r.out)["pulled"], 0) << f;
  }
  EXPECT_EQ(status_of(k)["device_id"], k.device);

  // The first exchange sends the whole demo village.
  const std::int64_t pending = st["pending"];
  ASSERT_GT(pending, 100);
  const json first = exchange(k, "first");
  EXPECT_EQ(first["accepted"], pending);
  EXPECT_EQ(status_of(k)["pending"], 0);
  EXPECT_EQ(server.op_ids(k.device), k.op_ids());
  // A second exchange with nothing new sends nothing and receives nothing.
  const json second = exchange(k, "second");
  EXPECT_EQ(second["accepted"], 0);
  EXPECT_EQ(second["duplicates"], 0);
  EXPECT_EQ(second["pulled"], 0);
  EXPECT_EQ(server.op_ids(k.device), k.op_ids());
  // Every file of both exchanges again, on both ends: "imported before", nothing changes.
  for (const char* f : {"first.vsk", "second.vsk"}) {
    const auto r = township({"import-bundle", stick.file(f), "--reply", stick.file(std::string("re-") + f)});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("imported before"), std::string::npos) << r.out;
  }
  for (const char* f : {"first-back.vsk", "second-back.vsk"}) {
    const auto r = ctl(k.dir.path(), {"import-bundle", stick.file(f), "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_GT(json::parse(r.out)["already_imported"].get<int>(), 0) << f;
    EXPECT_EQ(json::parse(r.out)["accepted"], 0) << f;
  }
  EXPECT_EQ(server.op_ids(k.device), k.op_ids());
  // A township reply travels back the same way.
  const auto esc = json::parse(run_process(town.cli({"escalations", "--json"})).out);
  ASSERT_FALSE(esc.empty());
  const std::string number = esc[0]["number"];
  ASSERT_EQ(run_process(town.cli({"reply", "--village", "青山村", "--number", number, "--text", "镇民政办已受理"})).exit_code, 0);
  const json third = exchange(k, "third");
  EXPECT_EQ(third["pulled"], 1);
  EXPECT_NE(ctl(k.dir.path(), {"requests", "show", number}).out.find("镇民政办已受理"), std::string::npos);
}

TEST_P(UsbVillage, RefusesOtherKiosksRepliesAndBadCodesWithAReason) {
  KioskDir a, b;
  for (KioskDir* k : {&a, &b}) ASSERT_EQ(ctl(k->dir.path(), {"seed"}).exit_code, 0);
  const std::string code_a = code_for("青山村"), code_b = code_for("青山村");
  ASSERT_EQ(ctl(a.dir.path(), {"enroll", "--usb", stick.file("a.vsk"), "--code", code_a}).exit_code, 0);
  ASSERT_EQ(ctl(b.dir.path(), {"enroll", "--usb", stick.file("b.vsk"), "--code", code_b}).exit_code, 0);
  ASSERT_EQ(township({"import-bundle", stick.file("a.vsk"), "--reply", stick.file("a-reply.vsk")}).exit_code, 0);

  // A's reply carried to B: refused, B stays unenrolled and can still take its own.
  const auto wrong = ctl_all(b.dir.path(), {"import-bundle", stick.file("a-reply.vsk")});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.out.find("wrong_kiosk"), std::string::npos) << wrong.out;
  EXPECT_NE(wrong.out.find("another kiosk"), std::string::npos) << wrong.out;
  EXPECT_FALSE(status_of(b)["enrolled"].get<bool>());
  // A's own request handed to the kiosk instead of the reply: the wrong file, said so.
  const auto own = ctl_all(a.dir.path(), {"import-bundle", stick.file("a.vsk")});
  EXPECT_EQ(own.exit_code, 1);
  EXPECT_NE(own.out.find("wrong_file"), std::string::npos) << own.out;
  // A's code again, from B (a copied code): used.
  ASSERT_EQ(ctl(b.dir.path(), {"enroll", "--usb", stick.file("b-used.vsk"), "--code", code_a}).exit_code, 0);
  const auto used = township({"import-bundle", stick.file("b-used.vsk"), "--reply", stick.file("x.vsk")});
  EXPECT_EQ(used.exit_code, 1);
  EXPECT_NE(used.out.find("code_used"), std::string::npos) << used.out;
  // A request whose bytes were changed on the stick (another key put in): refused.
  std::string bytes = read_file_bytes(stick.file("b.vsk"));
  const auto at = bytes.find("public_key");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 20] = bytes[at + 20] == 'a' ? 'b' : 'a';
  { std::ofstream(stick.file("b-changed.vsk"), std::ios::binary) << bytes; }
  const auto changed = township({"import-bundle", stick.file("b-changed.vsk"), "--reply", stick.file("x.vsk")});
  EXPECT_EQ(changed.exit_code, 1);
  EXPECT_NE(changed.out.find("bad_request"), std::string::npos) << changed.out;
  // A mistyped code: caught at the kiosk when it cannot be a code, at the township otherwise.
  const auto typo = ctl_all(b.dir.path(), {"enroll", "--usb", stick.file("typo.vsk"), "--code", "ABC"});
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_NE(typo.out.find("bad_code_format"), std::string::npos) << typo.out;
  ASSERT_EQ(ctl(b.dir.path(), {"enroll", "--usb", stick.file("wrong.vsk"), "--code", "2345-6789-ABCD"}).exit_code, 0);
  const auto unknown = township({"import-bundle", stick.file("wrong.vsk"), "--reply", stick.file("x.vsk")});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.out.find("bad_enroll_code"), std::string::npos) << unknown.out;

  // An expired code: B's code runs out before its request reaches the township.
  {
    township::TownshipStore store(server.config());
    store.write_retrying(*township::single_township_scope(store), [](township::Tx& tx) {
      tx.exec("UPDATE enroll_codes SET expires_at = 1 WHERE used_by IS NULL");
      tx.commit();
    });
  }
  const auto expired = township({"import-bundle", stick.file("b.vsk"), "--reply", stick.file("b-reply.vsk")});
  EXPECT_EQ(expired.exit_code, 1);
  EXPECT_NE(expired.out.find("code_expired"), std::string::npos) << expired.out;
  EXPECT_FALSE(std::ifstream(stick.file("b-reply.vsk")).good()) << "no reply for a refused request";
  // B asks for a new code and enrolls with it: a new request, the old reply would not fit.
  enroll_by_usb(b, code_for("青山村"), "b2");
  EXPECT_TRUE(status_of(b)["enrolled"].get<bool>());

  // Revoked: A's request imported again no longer answers.
  ASSERT_EQ(ctl(a.dir.path(), {"import-bundle", stick.file("a-reply.vsk")}).exit_code, 0);
  a.device = status_of(a)["device_id"];
  ASSERT_EQ(run_process(town.cli({"revoke", a.device})).exit_code, 0);
  const auto revoked = township({"import-bundle", stick.file("a.vsk"), "--reply", stick.file("x.vsk")});
  EXPECT_EQ(revoked.exit_code, 1);
  EXPECT_NE(revoked.out.find("revoked"), std::string::npos) << revoked.out;
  // A kiosk of another village cannot take this village's code.
  KioskDir c;
  ASSERT_EQ(ctl(c.dir.path(), {"init", "--village", "红旗村", "--kiosk-code", "HQ1"}).exit_code, 0);
  ASSERT_EQ(ctl(c.dir.path(), {"enroll", "--usb", stick.file("c.vsk"), "--code", code_for("青山村")}).exit_code, 0);
  const auto other = township({"import-bundle", stick.file("c.vsk"), "--reply", stick.file("x.vsk")});
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.out.find("village_mismatch"), std::string::npos) << other.out;
}

TEST_P(UsbVillage, AKioskReplacedByUsbKeepsEveryOperationOnce) {
  KioskDir old_pc;
  ASSERT_EQ(ctl(old_pc.dir.path(), {"seed"}).exit_code, 0);
  const std::string old_id = enroll_by_usb(old_pc, code_for("青山村"), "old");
  exchange(old_pc, "old-1");
  // The last bundle reached the township, but its answer never came back: the PC broke.
  old_pc.add_ops(5, 1);
  ASSERT_EQ(ctl(old_pc.dir.path(), {"export-bundle", stick.file("old-last.vsk")}).exit_code, 0);
  ASSERT_EQ(township({"import-bundle", stick.file("old-last.vsk"), "--reply", stick.file("lost.vsk")}).exit_code, 0);
  const auto sent = old_pc.op_ids();
  ASSERT_EQ(server.op_ids(old_id), sent);

  // The new PC: a fresh installation of the same village, with a replacement code.
  KioskDir new_pc;
  ASSERT_EQ(ctl(new_pc.dir.path(), {"init", "--village", "青山村", "--township", "白云镇", "--kiosk-code", "QS2"}).exit_code,
            0);
  const auto bad = township({"enroll", "--village", "青山村", "--replaces", "no-such-kiosk"});
  EXPECT_NE(bad.exit_code, 0);
  const std::string code = code_for("青山村", {"--replaces", old_id});
  ASSERT_EQ(ctl(new_pc.dir.path(), {"enroll", "--usb", stick.file("new-request.vsk"), "--code", code}).exit_code, 0);
  const auto in = township({"import-bundle", stick.file("new-request.vsk"), "--reply", stick.file("new-reply.vsk")});
  ASSERT_EQ(in.exit_code, 0) << in.out;
  EXPECT_NE(in.out.find("replacing " + old_id), std::string::npos) << in.out;
  const auto back = ctl_all(new_pc.dir.path(), {"import-bundle", stick.file("new-reply.vsk")});
  ASSERT_EQ(back.exit_code, 0) << back.out;
  EXPECT_NE(back.out.find(std::to_string(sent.size()) + " operations of the replaced kiosk"), std::string::npos)
      << back.out;
  new_pc.device = status_of(new_pc)["device_id"];
  EXPECT_NE(new_pc.device, old_id);
  // The history is the old kiosk's operations exactly as the township holds them.
  EXPECT_EQ(history_of(new_pc), server.op_ids(old_id));
  // The new PC's own work, then its first exchange: nothing of the old one is sent again.
  new_pc.add_ops(3, 2);
  const json first = exchange(new_pc, "new-1");
  EXPECT_EQ(first["accepted"], static_cast<int>(new_pc.op_ids().size()));
  EXPECT_EQ(first["duplicates"], 0);
  EXPECT_EQ(server.op_ids(new_pc.device), new_pc.op_ids());
  // Both ends' op-id lists: the township's for the village is the new PC's history then its own.
  std::vector<std::string> town_all = server.op_ids(old_id), kiosk_all = history_of(new_pc);
  for (const auto& id : server.op_ids(new_pc.device)) town_all.push_back(id);
  for (const auto& id : new_pc.op_ids()) kiosk_all.push_back(id);
  EXPECT_EQ(kiosk_all, town_all);
  EXPECT_EQ(std::set<std::string>(town_all.begin(), town_all.end()).size(), town_all.size()) << "no duplicates";
  // The reply again changes nothing; the old PC's stick, found later, is refused.
  const auto twice = ctl(new_pc.dir.path(), {"import-bundle", stick.file("new-reply.vsk"), "--json"});
  EXPECT_EQ(twice.exit_code, 0);
  EXPECT_EQ(history_of(new_pc).size(), sent.size());
  old_pc.add_ops(1, 3);
  ASSERT_EQ(ctl(old_pc.dir.path(), {"export-bundle", stick.file("old-late.vsk")}).exit_code, 0);
  const auto late = township({"import-bundle", stick.file("old-late.vsk"), "--reply", stick.file("x.vsk")});
  EXPECT_EQ(late.exit_code, 1);
  EXPECT_NE(late.out.find("revoked"), std::string::npos) << late.out;
  EXPECT_EQ(server.op_ids(old_id), sent);
}

// number -> status of every request a kiosk holds (kioskctl requests list).
std::map<std::string, std::string> request_statuses(const KioskDir& k) {
  std::map<std::string, std::string> out;
  const json list = json::parse(ctl(k.dir.path(), {"requests", "list", "--json"}).out);
  for (const auto& r : list)
    out[r["number"].get<std::string>()] = r["status"].get<std::string>();
  return out;
}

// The notes of a request's township_reply events.
std::vector<std::string> township_replies(const KioskDir& k, const std::string& number) {
  std::vector<std::string> out;
  const auto r = ctl(k.dir.path(), {"requests", "show", number, "--json"});
  EXPECT_EQ(r.exit_code, 0) << number << r.out;
  if (r.exit_code != 0) return out;
  const json shown = json::parse(r.out);  // kept: a range-for over a temporary's member dangles
  for (const auto& e : shown["events"])
    if (e["event"] == "township_reply") out.push_back(e["note"]);
  return out;
}

// Issue 19, left over: the replacing PC shows the old kiosk's requests and where each one
// stands, with the township's answers: one the old PC had applied (not applied twice, no
// conflict) and one that came after the old PC broke (applied on the new one). Failed before:
// the history was kept but the new PC's request list was empty.
TEST_P(UsbVillage, AReplacingPcShowsTheOldKiosksRequestsAfterItsFirstExchange) {
  KioskDir old_pc;
  ASSERT_EQ(ctl(old_pc.dir.path(), {"seed"}).exit_code, 0);
  const std::string old_id = enroll_by_usb(old_pc, code_for("青山村"), "old");
  exchange(old_pc, "old-1");
  const auto esc = json::parse(run_process(town.cli({"escalations", "--json"})).out);
  ASSERT_GE(esc.size(), 2u) << esc.dump();
  const std::string answered = esc[0]["number"], late = esc[1]["number"];
  ASSERT_EQ(run_process(town.cli({"reply", "--village", "青山村", "--number", answered, "--text", "镇民政办已受理"})).exit_code, 0);
  EXPECT_EQ(exchange(old_pc, "old-2")["pulled"], 1);  // applied on the old PC...
  exchange(old_pc, "old-3");                           // ...and its event sent
  EXPECT_EQ(status_of(old_pc)["pending"], 0);
  // The old PC breaks; the township answers the other escalation after that.
  ASSERT_EQ(run_process(town.cli({"reply", "--village", "青山村", "--number", late, "--text", "乡镇已派人核实"})).exit_code, 0);
  const auto old_requests = request_statuses(old_pc);
  ASSERT_GT(old_requests.size(), 10u);
  ASSERT_EQ(old_requests.at(late), "escalated");

  KioskDir new_pc;
  ASSERT_EQ(ctl(new_pc.dir.path(), {"init", "--village", "青山村", "--township", "白云镇", "--kiosk-code", "QS2"}).exit_code,
            0);
  EXPECT_TRUE(request_statuses(new_pc).empty());
  const std::size_t own_before = new_pc.op_ids().size();
  enroll_by_usb(new_pc, code_for("青山村", {"--replaces", old_id}), "new");
  const json first = exchange(new_pc, "new-1");
  EXPECT_EQ(first["ok"], true);

  // Every request of the old PC, where it stood; the late answer moved its request on.
  auto expected = old_requests;
  expected[late] = "in_progress";
  EXPECT_EQ(request_statuses(new_pc), expected);
  EXPECT_EQ(township_replies(new_pc, answered), std::vector<std::string>{"镇民政办已受理"});
  EXPECT_EQ(township_replies(new_pc, late), std::vector<std::string>{"乡镇已派人核实"});
  const json st = status_of(new_pc);
  EXPECT_EQ(st["conflicts"], 0) << "the answer the old PC had applied is no conflict";
  EXPECT_EQ(st["pending"], 0);
  // Only what happened on the new PC went to the township under its id: the late answer's event.
  EXPECT_EQ(server.op_ids(new_pc.device), new_pc.op_ids());
  EXPECT_EQ(new_pc.op_ids().size(), own_before + 1);
  // The enrollment reply again rebuilds nothing twice.
  const auto twice = ctl(new_pc.dir.path(), {"import-bundle", stick.file("new-reply.vsk"), "--json"});
  ASSERT_EQ(twice.exit_code, 0) << twice.out;
  EXPECT_EQ(json::parse(twice.out)["restored"], 0);
  EXPECT_EQ(request_statuses(new_pc), expected);
  // The receipt's pickup code never left the old PC: the rebuilt request does not open with an empty one.
  const auto shown = json::parse(ctl(new_pc.dir.path(), {"requests", "show", late, "--json"}).out);
  EXPECT_EQ(shown["resident"], "");
}

// A data dir enrolled by USB and copied to a second PC (issue 17's clone rule, for bundles):
// the copy is told it is a copy on its first export instead of taking the identity over, and
// the original goes on. Failed before: nothing bound a USB enrollment to its machine, so the
// copy bound itself on its first export and the original was the one refused.
TEST_P(UsbVillage, AUsbEnrolledDataDirCopiedToAnotherPcIsToldItIsACopy) {
  KioskDir original;
  ASSERT_EQ(ctl(original.dir.path(), {"seed"}).exit_code, 0);
  enroll_by_usb(original, code_for("青山村"), "orig");
  KioskDir copy;
  std::filesystem::copy(original.dir.path(), copy.dir.path(),
                        std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  const auto refused = run_all({"/usr/bin/env", "VSK_HOST_ID=second-pc", kKioskctl, "--data-dir", copy.dir.path(),
                                "export-bundle", stick.file("copy.vsk")});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("copied here"), std::string::npos) << refused.out;
  EXPECT_FALSE(std::ifstream(stick.file("copy.vsk")).good());
  const json first = exchange(original, "orig-1");
  EXPECT_EQ(first["ok"], true);
  EXPECT_EQ(server.op_ids(original.device), original.op_ids());
}

// Issue 19, left over: a kiosk enrolled by USB whose village later gets a link syncs over
// HTTP with the real township server on 127.0.0.1 under the same enrollment (no new code, one
// kiosk at the township), and the stick still works afterwards. Failed before: there was no
// way to give such a kiosk an address (`enroll --server` said already_enrolled).
TEST_P(UsbVillage, AKioskEnrolledByUsbLaterSyncsOverTheNetworkWithoutEnrollingAgain) {
  KioskDir k;
  ASSERT_EQ(ctl(k.dir.path(), {"seed"}).exit_code, 0);
  const std::string device = enroll_by_usb(k, code_for("青山村"), "k");
  exchange(k, "k-1");
  k.add_ops(4, 1);
  ASSERT_NO_THROW(town.start());
  // Without an address a sync round has nowhere to go.
  EXPECT_EQ(ctl(k.dir.path(), {"sync"}).exit_code, 1);
  const auto again = ctl_all(k.dir.path(), {"enroll", "--server", town.url(), "--code", code_for("青山村")});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.out.find("set-server"), std::string::npos) << again.out;
  EXPECT_EQ(ctl_all(k.dir.path(), {"set-server", "ftp://x"}).exit_code, 2);

  const auto linked = ctl_all(k.dir.path(), {"set-server", town.url()});
  ASSERT_EQ(linked.exit_code, 0) << linked.out;
  const auto r = ctl(k.dir.path(), {"sync", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const json report = json::parse(r.out);
  EXPECT_EQ(report["accepted"], 4);
  EXPECT_EQ(report["pending"], 0);
  const json st = status_of(k);
  EXPECT_EQ(st["device_id"], device);
  EXPECT_EQ(st["server_url"], town.url());
  EXPECT_EQ(server.op_ids(device), k.op_ids());
  EXPECT_EQ(json::parse(run_process(town.cli({"stats", "--json"})).out)["kiosks"].size(), 1u) << "not enrolled again";
  // A township answer comes down the link.
  const auto esc = json::parse(run_process(town.cli({"escalations", "--json"})).out);
  ASSERT_FALSE(esc.empty());
  const std::string number = esc[0]["number"];
  ASSERT_EQ(run_process(town.cli({"reply", "--village", "青山村", "--number", number, "--text", "网络已通"})).exit_code, 0);
  const auto pulled = ctl(k.dir.path(), {"sync", "--json"});
  ASSERT_EQ(pulled.exit_code, 0) << pulled.out;
  EXPECT_EQ(json::parse(pulled.out)["pulled"], 1);
  EXPECT_NE(ctl(k.dir.path(), {"requests", "show", number}).out.find("网络已通"), std::string::npos);
  // The stick still works beside the link (the link down again one day).
  k.add_ops(2, 2);
  const json by_stick = exchange(k, "k-2");
  EXPECT_EQ(by_stick["accepted"], 2);
  EXPECT_EQ(server.op_ids(device), k.op_ids());
}

INSTANTIATE_TEST_SUITE_P(Backends, UsbVillage, kBothBackends, backend_name);

}  // namespace
}  // namespace vsk::test_support
