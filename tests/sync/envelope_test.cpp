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
