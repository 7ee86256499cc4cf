// Writes the sealed part of the fuzz seed corpus: real envelopes of every kind, signed and
// sealed with the fixed fuzz keys (fuzz_keys.h), and the zstd frames inside them.
//   make_sealed_seeds OUT_DIR
// Run by tests/fuzz/run_fuzz.sh before fuzzing, so the seeds always match the keys; the
// output is committed in tests/fuzz/corpus too.
#include <zstd.h>

#include <fstream>
#include <string>

#include "fuzz_keys.h"
#include "sync/protocol/envelope.h"
#include "sync/protocol/messages.h"

using namespace vsk::sync;

namespace {

void write(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

std::string zstd(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const std::string dir = argv[1];
  const auto& kiosk = vsk::fuzz::kiosk_key();
  const auto& township = vsk::fuzz::township_key();
  PushBatch push;
  for (int i = 1; i <= 3; ++i)
    push.ops.push_back({"0c4b2f5e-7f0a-4d1b-9a55-3f1e2d00000" + std::to_string(i), i, "request.submitted", 1764000000 + i,
                        {{"number", "QS-20261202-000" + std::to_string(i)}, {"service", "hukou.move"},
                         {"fields", {{"name", "张三"}, {"note", "测试"}}}}});
  push.pending_total = 4;
  push.device_time = 1764000100;
  PushReply push_reply{{{"0c4b2f5e-7f0a-4d1b-9a55-3f1e2d000001", 1, OpOutcome::kAccepted, "", ""},
                        {"0c4b2f5e-7f0a-4d1b-9a55-3f1e2d000002", 2, OpOutcome::kRejected, "seq_conflict", "序号冲突"}},
                       2, 1764000101};
  PullReply pull_reply;
  pull_reply.changes.push_back({7, "notices", "notices.published", "n-1", {{"title", "冬季防火"}, {"body", "进山不带火种。"}}});
  pull_reply.next_cursor = 7;
  pull_reply.scopes["notices"] = ScopeSum{1, 7};
  const std::string kiosk_id = "0c4b2f5e-7f0a-4d1b-9a55-3f1e2d5e7f0a";
  const struct {
    const char* name;
    EnvelopeHeader header;
    std::string json;
    bool to_township;
  } seeds[] = {
      {"sealed_push", {kProtocolVersion, "push", kiosk_id, "township", 1764000100000}, encode(push), true},
      {"sealed_hello", {kProtocolVersion, "push", kiosk_id, "township", 1764000100001}, encode(PushBatch{}), true},
      {"sealed_pull", {kProtocolVersion, "pull", kiosk_id, "township", 1764000100002}, encode(PullRequest{0, 200, 1764000100}), true},
      {"sealed_push_reply", {kProtocolVersion, "push-result", "township", kiosk_id, 3}, encode(push_reply), false},
      {"sealed_pull_reply", {kProtocolVersion, "pull-result", "township", kiosk_id, 4}, encode(pull_reply), false},
  };
  for (const auto& s : seeds) {
    // Kiosk to township: signed by the kiosk, sealed to the township; the answers the other way.
    const auto& from = s.to_township ? kiosk : township;
    const auto& to = s.to_township ? township : kiosk;
    write(dir + "/" + s.name + ".bin", seal_envelope(s.header, s.json, from, to.public_key));
    write(dir + "/" + s.name + ".zst", zstd(s.json));
  }
  return 0;
}
