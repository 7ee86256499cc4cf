#include "platform/pii_cipher.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/raw_bytes.h"
#include "support/temp_dir.h"
#include "fake/fixed_key_pii_cipher.h"

using namespace vsk;
using platform::PiiCipherError;
using platform::SodiumPiiCipher;

namespace {

void write_bytes(const std::string& path, const std::string& bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

}  // namespace

TEST(PiiCipher, RoundTripsAndNeverRepeatsACiphertext) {
  const SodiumPiiCipher c(platform::fixed_pii_key());
  for (const std::string plain : {"339901196402033751", "13800138000", "", "路灯不亮，请尽快修理"}) {
    const std::string a = c.encrypt(plain);
    const std::string b = c.encrypt(plain);
    EXPECT_NE(a, b) << "a random nonce per value";
    EXPECT_EQ(a.size(), plain.size() + 41);
    EXPECT_EQ(c.decrypt(a), plain);
    EXPECT_EQ(c.decrypt(b), plain);
    if (!plain.empty()) {
      EXPECT_EQ(a.find(plain), std::string::npos);
    }
  }
}

TEST(PiiCipher, DetectsTamperingTruncationAndAnotherKey) {
  const SodiumPiiCipher c(platform::fixed_pii_key());
  const std::string blob = c.encrypt("33990119560628737X");
  for (size_t i = 0; i < blob.size(); ++i) {
    std::string bad = blob;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    EXPECT_THROW(c.decrypt(bad), PiiCipherError) << "flipped byte " << i;
  }
  EXPECT_THROW(c.decrypt(blob.substr(0, blob.size() - 1)), PiiCipherError);
  EXPECT_THROW(c.decrypt(blob.substr(0, 20)), PiiCipherError);
  EXPECT_THROW(c.decrypt(""), PiiCipherError);
  EXPECT_THROW(c.decrypt(blob + "x"), PiiCipherError);
  const SodiumPiiCipher other(platform::fixed_pii_key(0x11));
  EXPECT_THROW(other.decrypt(blob), PiiCipherError);
}

TEST(PiiCipher, BlindIndexIsStableForOneKeyAndDiffersAcrossKeys) {
  const SodiumPiiCipher a(platform::fixed_pii_key());
  const SodiumPiiCipher a_again(platform::fixed_pii_key());
  const SodiumPiiCipher b(platform::fixed_pii_key(0x11));
  const std::string id = "339901196402033751";
  EXPECT_EQ(a.blind_index(id).size(), 32u);
  EXPECT_EQ(a.blind_index(id), a.blind_index(id));
  EXPECT_EQ(a.blind_index(id), a_again.blind_index(id));
  EXPECT_NE(a.blind_index(id), b.blind_index(id));
  EXPECT_NE(a.blind_index(id), a.blind_index("339901196402033752"));
  EXPECT_EQ(a.blind_index(id).find(id), std::string::npos);
  // The index key is not the encryption key's twin: an index is no ciphertext of the id.
  EXPECT_THROW(a.decrypt(a.blind_index(id)), PiiCipherError);
}

TEST(PiiKeyFile, IsCreatedOnFirstStartPrivateAndThenReused) {
  test_support::TempDir dir;
  const std::string path = platform::pii_key_path(dir.path());
  EXPECT_EQ(path, dir.path() + "/keys/pii.key");
  const platform::PiiMasterKey first = platform::load_or_create_pii_key(path, true);
  EXPECT_EQ(std::filesystem::file_size(path), 32u);
  EXPECT_EQ(mode_of(path), 0600u);
  EXPECT_EQ(mode_of(dir.path() + "/keys"), 0700u);
  EXPECT_EQ(platform::load_or_create_pii_key(path, true), first);
  EXPECT_EQ(platform::load_or_create_pii_key(path, false), first);
  EXPECT_NE(first, platform::PiiMasterKey{});
  // No temporary files left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path() + "/keys"), {}), 1);

  test_support::TempDir other;
  EXPECT_NE(platform::load_or_create_pii_key(platform::pii_key_path(other.path()), true), first);
}

TEST(PiiKeyFile, AWrongSizeFileIsRefusedAndLeftAlone) {
  test_support::TempDir dir;
  const std::string path = platform::pii_key_path(dir.path());
  for (const std::string& bytes : {std::string(), std::string(31, 'k'), std::string(33, 'k'), std::string(64, 'k')}) {
    write_bytes(path, bytes);
    try {
      platform::load_or_create_pii_key(path, true);
      FAIL() << "a " << bytes.size() << "-byte key file must be refused";
    } catch (const PiiCipherError& e) {
      EXPECT_NE(std::string(e.what()).find("pii.key"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("backup"), std::string::npos) << e.what();
    }
    EXPECT_EQ(test_support::read_file_bytes(path), bytes) << "never replaced";
  }
}

TEST(PiiKeyFile, AMissingFileIsRefusedWhenItMayNotBeCreated) {
  test_support::TempDir dir;
  const std::string path = platform::pii_key_path(dir.path());
  EXPECT_THROW(platform::load_or_create_pii_key(path, false), PiiCipherError);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(PiiKeyFile, AnUnreadableFileIsRefused) {
  test_support::TempDir dir;
  const std::string path = platform::pii_key_path(dir.path());
  // A directory where the key should be: unreadable as a key for root too.
  std::filesystem::create_directories(path);
  EXPECT_THROW(platform::load_or_create_pii_key(path, true), PiiCipherError);
  std::filesystem::remove(path);
  if (::geteuid() != 0) {  // root reads mode-000 files anyway
    write_bytes(path, std::string(32, 'k'));
    std::filesystem::permissions(path, std::filesystem::perms::none);
    EXPECT_THROW(platform::load_or_create_pii_key(path, true), PiiCipherError);
    std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  }
}
