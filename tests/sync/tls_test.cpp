// The township server over HTTPS (--tls-cert/--tls-key) with the kiosk's libcurl transport
// checking the certificate against a given CA file. Skipped where no openssl command exists
// to make a throwaway certificate.
#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

#include "sync/client/transport.h"
#include "sync/township/http_server.h"
#include "sync_test_support.h"

namespace vsk::test_support {
namespace {

TEST(SyncTls, EnrollAndSyncOverHttpsWithTheCertificateChecked) {
  TempDir certs;
  const std::string cert = certs.file("cert.pem"), key = certs.file("key.pem");
  const std::string make = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
                           "-addext subjectAltName=IP:127.0.0.1 -keyout '" + key + "' -out '" + cert + "' 2> /dev/null";
  if (std::system("command -v openssl > /dev/null") != 0 || std::system(make.c_str()) != 0)
    GTEST_SKIP() << "no openssl command to make a test certificate";
  TestTownship town;
  township::HttpServer https(town.service, [](const std::string&) {}, cert, key);
  ASSERT_TRUE(https.valid());
  const int port = https.bind("127.0.0.1", 0);
  ASSERT_GT(port, 0);
  std::thread serve([&] { https.run(); });
  const std::string url = "https://127.0.0.1:" + std::to_string(port);

  TestKiosk k;
  sync::CurlOptions trusted;
  trusted.ca_file = cert;
  auto transport = sync::make_curl_transport(url, trusted);
  ASSERT_TRUE(k.client->enroll(*transport, url, town.admin.create_enroll_code("青山村"), "").ok);
  k.file_request();
  EXPECT_TRUE(k.client->run_once(*transport).ok);
  EXPECT_EQ(k.acked(), k.last_seq());

  // Without the CA the certificate is not trusted: refused, nothing sent.
  TestKiosk other;
  auto untrusted = sync::make_curl_transport(url);
  const auto r = other.client->enroll(*untrusted, url, town.admin.create_enroll_code("青山村"), "");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error_code, "network:tls");  // translated on the sync screen (sync.error.network.tls)
  https.stop();
  serve.join();
}

}  // namespace
}  // namespace vsk::test_support
