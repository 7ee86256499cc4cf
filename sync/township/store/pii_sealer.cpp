#include "sync/township/store/pii_sealer.h"

#include <sodium.h>

#include "sync/township/store/sql_session.h"

namespace vsk::township {

std::string PiiSealer::seal(std::string_view clear) const {
  if (!cipher_) throw StoreError(StoreError::Kind::kOther, "no key to seal personal data with");
  const std::string blob = cipher_->encrypt(clear);
  std::string out(sodium_base64_encoded_len(blob.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(blob.data()), blob.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return "enc1:" + out;
}

std::string PiiSealer::open(std::string_view stored) const {
  if (!sealed(stored)) return std::string(stored);
  const std::string_view b64 = stored.substr(5);
  std::string blob(b64.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(blob.data()), blob.size(), b64.data(), b64.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw StoreError(StoreError::Kind::kOther, "a sealed value is not valid base64");
  blob.resize(len);
  if (!cipher_) throw StoreError(StoreError::Kind::kOther, "no key to open personal data with");
  try {
    return cipher_->decrypt(blob);
  } catch (const platform::PiiCipherError& e) {
    throw StoreError(StoreError::Kind::kOther,
                     std::string("cannot open a sealed value (is keys/pii.key the key of this database?): ") + e.what());
  }
}

}  // namespace vsk::township
