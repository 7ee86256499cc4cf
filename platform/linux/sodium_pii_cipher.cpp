#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "files/atomic_file.h"
#include "platform/pii_cipher.h"

namespace vsk::platform {
namespace {

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "VSK_PII_";  // exactly 8 bytes
constexpr std::uint64_t kAeadSubkeyId = 1;
constexpr std::uint64_t kIndexSubkeyId = 2;
constexpr unsigned char kBlobVersion = 0x01;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

static_assert(kPiiKeyBytes == crypto_kdf_KEYBYTES);
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == 32);
static_assert(crypto_generichash_KEYBYTES == 32);

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string sys_error(const std::string& what, const std::string& path, int err) {
  return what + " " + path + ": " + std::strerror(err);
}

// What to tell the operator whenever an existing key cannot be used.
std::string key_advice(const std::string& path) {
  return ". This key encrypts the ID and phone numbers in kiosk.db; the kiosk will not make a new one "
         "over existing data. Fix the file's permissions or restore " +
         path + " from its separate key backup.";
}

void init_sodium() {
  if (sodium_init() < 0) throw PiiCipherError("libsodium failed to initialise");
}

void write_all(int fd, const unsigned char* p, std::size_t n, const std::string& path) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      throw PiiCipherError(sys_error("cannot write key file", path, errno));
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

PiiMasterKey read_key(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) throw PiiCipherError(sys_error("cannot read the PII key file", path, errno) + key_advice(path));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw PiiCipherError("the PII key file " + path + " is not a regular file" + key_advice(path));
  }
  if (st.st_size != static_cast<off_t>(kPiiKeyBytes)) {
    ::close(fd);
    throw PiiCipherError("the PII key file " + path + " has " + std::to_string(st.st_size) + " bytes, not " +
                         std::to_string(kPiiKeyBytes) + key_advice(path));
  }
  PiiMasterKey key{};
  std::size_t got = 0;
  while (got < key.size()) {
    const ssize_t r = ::read(fd, key.data() + got, key.size() - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) {
      const int err = r < 0 ? errno : EIO;
      ::close(fd);
      sodium_memzero(key.data(), key.size());
      throw PiiCipherError(sys_error("cannot read the PII key file", path, err) + key_advice(path));
    }
    got += static_cast<std::size_t>(r);
  }
  ::close(fd);
  return key;
}

// Random key into a private temporary file, fsync, then link() it into place: link never
// replaces an existing file, so two starting processes cannot overwrite each other's key.
void create_key(const std::string& path) {
  const std::filesystem::path p(path);
  const std::string dir = p.parent_path().empty() ? "." : p.parent_path().string();
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    throw PiiCipherError(sys_error("cannot create the key directory", dir, errno));
  ::chmod(dir.c_str(), 0700);  // keys/ is ours alone, even if it existed with wider rights

  std::string tmp = path + ".tmp-XXXXXX";
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);  // created with mode 0600
  if (fd < 0) throw PiiCipherError(sys_error("cannot create the key file", tmp, errno));
  PiiMasterKey key{};
  crypto_kdf_keygen(key.data());
  try {
    ::fchmod(fd, 0600);
    write_all(fd, key.data(), key.size(), tmp);
    if (::fsync(fd) != 0) throw PiiCipherError(sys_error("cannot sync the key file", tmp, errno));
  } catch (...) {
    sodium_memzero(key.data(), key.size());
    ::close(fd);
    ::unlink(tmp.c_str());
    throw;
  }
  sodium_memzero(key.data(), key.size());
  ::close(fd);
  const int linked = ::link(tmp.c_str(), path.c_str());
  const int link_err = errno;
  ::unlink(tmp.c_str());
  if (linked != 0 && link_err != EEXIST)  // EEXIST: another process won the race; use its key
    throw PiiCipherError(sys_error("cannot create the key file", path, link_err));
  platform::sync_directory(dir);
}

}  // namespace

SodiumPiiCipher::SodiumPiiCipher(const PiiMasterKey& master_key) {
  init_sodium();
  if (crypto_kdf_derive_from_key(aead_key_.data(), aead_key_.size(), kAeadSubkeyId, kKdfContext, master_key.data()) !=
          0 ||
      crypto_kdf_derive_from_key(index_key_.data(), index_key_.size(), kIndexSubkeyId, kKdfContext,
                                 master_key.data()) != 0)
    throw PiiCipherError("cannot derive the PII subkeys");
}

SodiumPiiCipher::~SodiumPiiCipher() {
  sodium_memzero(aead_key_.data(), aead_key_.size());
  sodium_memzero(index_key_.data(), index_key_.size());
}

std::string SodiumPiiCipher::encrypt(std::string_view plaintext) const {
  std::string blob(1 + kNonceBytes + plaintext.size() + kTagBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(blob.data());
  out[0] = kBlobVersion;
  randombytes_buf(out + 1, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out + 1 + kNonceBytes, &written, bytes(plaintext), plaintext.size(),
                                             out, 1,  // the version byte is authenticated too
                                             nullptr, out + 1, aead_key_.data());
  blob.resize(1 + kNonceBytes + static_cast<std::size_t>(written));
  return blob;
}

std::string SodiumPiiCipher::decrypt(std::string_view blob) const {
  if (blob.size() < 1 + kNonceBytes + kTagBytes) throw PiiCipherError("encrypted value is truncated");
  if (static_cast<unsigned char>(blob[0]) != kBlobVersion) throw PiiCipherError("encrypted value has an unknown format");
  const unsigned char* in = bytes(blob);
  const std::size_t clen = blob.size() - 1 - kNonceBytes;
  std::string plain(clen - kTagBytes, '\0');
  unsigned long long plen = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &plen, nullptr,
                                                 in + 1 + kNonceBytes, clen, in, 1, in + 1, aead_key_.data()) != 0)
    throw PiiCipherError("encrypted value failed authentication (tampered, or made with another key)");
  plain.resize(static_cast<std::size_t>(plen));
  return plain;
}

std::string SodiumPiiCipher::blind_index(std::string_view normalized_id) const {
  std::string out(32, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(), bytes(normalized_id),
                     normalized_id.size(), index_key_.data(), index_key_.size());
  return out;
}

std::string pii_key_path(const std::string& data_dir) { return data_dir + "/keys/pii.key"; }

PiiMasterKey load_or_create_pii_key(const std::string& path, bool may_create) {
  init_sodium();
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) throw PiiCipherError(sys_error("cannot read the PII key file", path, errno) + key_advice(path));
    if (!may_create)
      throw PiiCipherError("the PII key file " + path + " is missing" + key_advice(path));
    create_key(path);
  }
  return read_key(path);
}

}  // namespace vsk::platform
