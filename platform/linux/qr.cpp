#include "platform/qr.h"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace vsk::platform {

namespace {

struct QrcodeDeleter {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

std::string encode_error(int err) {
  if (err == ERANGE) return "encode_qr: text too long for a QR code";
  if (err == EINVAL) return "encode_qr: empty or invalid text";
  return std::string("encode_qr: ") + std::strerror(err);
}

}  // namespace

QrMatrix encode_qr(const std::string& text) {
  // libqrencode reports an empty input as EINVAL too, but say so before it hits the library.
  if (text.empty()) throw std::runtime_error(encode_error(EINVAL));
  // 8-bit mode on purpose: QRcode_encodeString would switch to Kanji mode for Shift-JIS-looking
  // bytes and would stop at an embedded NUL; scanners read 8-bit data as UTF-8.
  errno = 0;
  std::unique_ptr<QRcode, QrcodeDeleter> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (!code) throw std::runtime_error(encode_error(errno));

  QrMatrix m;
  m.size = code->width;
  const std::size_t count = static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size);
  m.modules.resize(count);
  // Each byte carries flags for libqrencode's own use; only bit 0 means "dark".
  for (std::size_t i = 0; i < count; ++i) m.modules[i] = code->data[i] & 1u;
  return m;
}

}  // namespace vsk::platform
