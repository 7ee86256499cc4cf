// The envelope and message formats: round trips, and every kind of bad input refused with
// the right reason before anything is decrypted or applied.
#include <gtest/gtest.h>

#include "sync/protocol/bundle.h"
#include "sync/protocol/envelope.h"
#include "sync/protocol/messages.h"

namespace vsk::sync {
namespace {

struct Parties {
  SigningKey kiosk = SigningKey::generate();
  SigningKey township = SigningKey::generate();
  EnvelopeHeader header{kProtocolVersion, "push", "device-1", "township", 7};
  std::string seal(const std::string& json = R"({"hello":"村委"})") {
    return seal_envelope(header, json, kiosk, township.public_key);
  }
};

std::optional<std::string> open(std::string_view bytes, const PublicKey& from, const SigningKey& to, EnvelopeError* e) {
  const auto env = parse_envelope(bytes, e);
  if (!env) return std::nullopt;
  return open_envelope(*env, from, to, e);
}

TEST(Envelope, RoundTripsHeaderAndPayload) {
  Parties p;
  const std::string bytes = p.seal();
  EnvelopeError e{};
  const auto env = parse_envelope(bytes, &e);
  ASSERT_TRUE(env);
  EXPECT_EQ(env->header.kind, "push");
  EXPECT_EQ(env->header.from, "device-1");
  EXPECT_EQ(env->header.counter, 7u);
  EXPECT_EQ(env->size, bytes.size());
  EXPECT_EQ(open_envelope(*env, p.kiosk.public_key, p.township, &e).value_or(""), R"({"hello":"村委"})");
  // Sealed: the payload text is not visible in the bytes.
  EXPECT_EQ(bytes.find("hello"), std::string::npos);
}

TEST(Envelope, AnyChangedByteIsRefused) {
  Parties p;
  const std::string good = p.seal();
  for (std::size_t i = 0; i < good.size(); i += 7) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    EnvelopeError e{};
    EXPECT_FALSE(open(bad, p.kiosk.public_key, p.township, &e)) << "byte " << i;
  }
}

TEST(Envelope, WrongSignerIsBadSignature) {
  Parties p;
  EnvelopeError e{};
  EXPECT_FALSE(open(p.seal(), SigningKey::generate().public_key, p.township, &e));
  EXPECT_EQ(e, EnvelopeError::kBadSignature);
}

TEST(Envelope, SealedToSomeoneElseCannotBeOpened) {
  Parties p;
  EnvelopeError e{};
  EXPECT_FALSE(open(p.seal(), p.kiosk.public_key, SigningKey::generate(), &e));
  EXPECT_EQ(e, EnvelopeError::kCannotOpen);
}

TEST(Envelope, TruncatedAtEveryLengthIsRefused) {
  Parties p;
  const std::string good = p.seal();
  for (std::size_t n = 0; n < good.size(); ++n) {
    EnvelopeError e{};
    EXPECT_FALSE(parse_envelope(std::string_view(good).substr(0, n), &e)) << n;
  }
}

TEST(Envelope, GarbageOversizeAndFutureVersionsAreRefused) {
  EnvelopeError e{};
  EXPECT_FALSE(parse_envelope("GET / HTTP/1.1\r\n\r\n", &e));
  EXPECT_EQ(e, EnvelopeError::kBadMagic);
  std::string huge("VSKE\x01\xff\xff\xff\xff", 9);
  EXPECT_FALSE(parse_envelope(huge, &e));
  EXPECT_EQ(e, EnvelopeError::kOversized);
  Parties p;
  p.header.protocol = kProtocolVersion + 1;
  EXPECT_FALSE(parse_envelope(p.seal(), &e));
  EXPECT_EQ(e, EnvelopeError::kUnsupportedProtocol);
}

TEST(Bundle, SplitsEnvelopesAndRefusesDamage) {
  Parties p;
  const std::string a = p.seal("{\"n\":1}"), b = p.seal("{\"n\":2}");
  const std::string file = write_bundle({a, b});
  std::string why;
  const auto parts = read_bundle(file, &why);
  ASSERT_TRUE(parts) << why;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[1], b);
  EXPECT_FALSE(read_bundle(file.substr(0, file.size() - 3), &why));
  EXPECT_NE(why.find("envelope 2"), std::string::npos) << why;
  EXPECT_FALSE(read_bundle("PK\x03\x04 not a bundle", &why));
  EXPECT_FALSE(read_bundle(std::string(kBundleMagic), &why));
}

TEST(Messages, PushBatchRoundTrips) {
  PushBatch b;
  b.ops.push_back({"id-1", 1, "request.submitted", 1795399200, {{"number", "QS1-1123-001"}}});
  b.pending_total = 3;
  b.device_time = 1795399201;
  std::string why;
  const auto d = decode_push_batch(encode(b), &why);
  ASSERT_TRUE(d) << why;
  ASSERT_EQ(d->ops.size(), 1u);
  EXPECT_EQ(d->ops[0].payload["number"], "QS1-1123-001");
  EXPECT_EQ(d->pending_total, 3);
}

TEST(Messages, AStoredPayloadTextIsSentAsItIs) {
  PushBatch b;
  b.ops.push_back({"id-1", 1, "request.event", 1795399200, nlohmann::json::object()});
  b.ops[0].payload_text = R"({"number":"QS1-1123-001","note":"\"引号\" \\ 和换行\n"})";
  b.heartbeat = std::nullopt;
  std::string why;
  const auto d = decode_push_batch(encode(b), &why);
  ASSERT_TRUE(d) << why;
  EXPECT_EQ(d->ops[0].payload["note"], "\"引号\" \\ 和换行\n");
  EXPECT_FALSE(d->compact_reply);  // not asked: a kiosk before issue 18
  b.compact_reply = true;
  EXPECT_TRUE(decode_push_batch(encode(b), &why)->compact_reply);
}

// Issue 18: a compact reply names no op id; the kiosk checks it against the batch it sent.
TEST(Messages, ACompactPushReplyCarriesADigestInsteadOfTheOpIds) {
  PushBatch sent;
  sent.compact_reply = true;
  for (int i = 1; i <= 3; ++i)
    sent.ops.push_back({"0c4b2f5e-7f0a-4d1b-9a55-3f1e2d00000" + std::to_string(i), i, "request.submitted", 0, {}});
  PushReply reply;
  reply.compact = true;
  reply.answered = 3;
  reply.ops_digest = ops_digest(sent.ops);
  reply.acked_seq = 3;
  reply.results = {{sent.ops[0].op_id, 1, OpOutcome::kAccepted, "", ""},
                   {sent.ops[1].op_id, 2, OpOutcome::kRejected, "unknown_type", "乡镇无法识别"},
                   {sent.ops[2].op_id, 3, OpOutcome::kAccepted, "", ""}};
  const std::string text = encode(reply);
  for (const auto& o : sent.ops) EXPECT_EQ(text.find(o.op_id), std::string::npos) << text;
  std::string why;
  const auto d = decode_push_reply(text, &why);
  ASSERT_TRUE(d) << why;
  EXPECT_TRUE(d->compact);
  ASSERT_EQ(d->results.size(), 1u);  // only what was not accepted
  EXPECT_EQ(d->results[0].seq, 2);
  EXPECT_EQ(d->results[0].code, "unknown_type");
  EXPECT_EQ(reply_mismatch(sent, *d), std::nullopt);

  PushBatch other = sent;
  other.ops[1].op_id = "0c4b2f5e-7f0a-4d1b-9a55-3f1e2d000009";
  EXPECT_NE(reply_mismatch(other, *d), std::nullopt);  // another operation under seq 2
  PushBatch fewer = sent;
  fewer.ops.pop_back();
  EXPECT_NE(reply_mismatch(fewer, *d), std::nullopt);
  PushReply stray = *d;
  stray.results[0].seq = 7;
  EXPECT_NE(reply_mismatch(sent, stray), std::nullopt);  // a result for a seq not sent
}

// A township before issue 18 ignores compact_reply and answers in full: still read and checked.
TEST(Messages, AFullPushReplyIsStillReadAndCheckedByOpId) {
  PushBatch sent;
  sent.ops.push_back({"id-1", 1, "request.submitted", 0, {}});
  sent.ops.push_back({"id-2", 2, "request.submitted", 0, {}});
  const std::string old_township =
      R"({"results":[{"op_id":"id-1","seq":1,"outcome":"accepted","code":"","message_zh":""},)"
      R"({"op_id":"id-2","seq":2,"outcome":"duplicate","code":"","message_zh":""}],"acked_seq":2,"server_time":0})";
  std::string why;
  const auto d = decode_push_reply(old_township, &why);
  ASSERT_TRUE(d) << why;
  EXPECT_FALSE(d->compact);
  EXPECT_EQ(d->results.size(), 2u);
  EXPECT_EQ(reply_mismatch(sent, *d), std::nullopt);
  sent.ops[1].op_id = "id-3";
  EXPECT_NE(reply_mismatch(sent, *d), std::nullopt);
  // And a full reply from this code (to a kiosk that did not ask) still names every op id.
  PushReply full;
  full.results = {{"id-1", 1, OpOutcome::kAccepted, "", ""}};
  EXPECT_NE(encode(full).find("\"op_id\":\"id-1\""), std::string::npos);
}

TEST(Messages, StrictDecodingNamesTheField) {
  std::string why;
  EXPECT_FALSE(decode_push_batch(R"({"ops":[{"op_id":"a","seq":"1","type":"t","device_time":0,"payload":{}}],
                                     "pending_total":0,"device_time":0})", &why));
  EXPECT_EQ(why, "ops[0].seq: wrong type");
  EXPECT_FALSE(decode_push_batch(R"({"ops":[{"op_id":"a","seq":0,"type":"t","device_time":0,"payload":{}}],
                                     "pending_total":0,"device_time":0})", &why));
  EXPECT_FALSE(decode_pull_request(R"({"cursor":0,"limit":100000,"device_time":0})", &why));
  EXPECT_FALSE(decode_pull_reply("[1,2", &why));
  EXPECT_EQ(why, "not JSON");
  EXPECT_FALSE(decode_push_reply(R"({"results":[{"op_id":"a","seq":1,"outcome":"maybe","code":"","message_zh":""}],
                                     "acked_seq":1,"server_time":0})", &why));
}

}  // namespace
}  // namespace vsk::sync
