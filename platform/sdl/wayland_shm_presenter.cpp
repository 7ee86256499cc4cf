#include "sdl/wayland_shm_presenter.h"

#include <SDL.h>
#include <SDL_syswm.h>
#include <sys/mman.h>
#include <unistd.h>
#include <wayland-client.h>

#include <cstdio>
#include <cstring>

namespace vsk::platform {
namespace {

constexpr int kBuffers = 3;

class WaylandShmPresenter final : public Presenter {
 public:
  WaylandShmPresenter(SDL_Window* window, wl_display* display, wl_surface* surface)
      : window_(window), display_(display), surface_(surface) {}
  ~WaylandShmPresenter() override {
    for (Buffer& b : buffers_) drop(b);
    if (shm_) wl_shm_destroy(shm_);
    if (registry_) wl_registry_destroy(registry_);
    if (queue_) wl_event_queue_destroy(queue_);
  }

  // Binds wl_shm on a queue of our own, so SDL's event loop never runs our listeners' code
  // out of turn and we can wait for a buffer release without pumping SDL's events.
  bool init() {
    queue_ = wl_display_create_queue(display_);
    if (!queue_) return false;
    auto* wrapped = static_cast<wl_display*>(wl_proxy_create_wrapper(display_));
    if (!wrapped) return false;
    wl_proxy_set_queue(reinterpret_cast<wl_proxy*>(wrapped), queue_);
    registry_ = wl_display_get_registry(wrapped);
    wl_proxy_wrapper_destroy(wrapped);
    static const wl_registry_listener kRegistry = {
        [](void* self, wl_registry* r, uint32_t name, const char* iface, uint32_t) {
          auto* p = static_cast<WaylandShmPresenter*>(self);
          if (!p->shm_ && std::strcmp(iface, wl_shm_interface.name) == 0)
            p->shm_ = static_cast<wl_shm*>(wl_registry_bind(r, name, &wl_shm_interface, 1));
        },
        [](void*, wl_registry*, uint32_t) {}};
    wl_registry_add_listener(registry_, &kRegistry, this);
    if (wl_display_roundtrip_queue(display_, queue_) < 0) return false;
    return shm_ != nullptr;
  }

  const char* name() const override { return "wayland-shm"; }
  void size(int* w, int* h) const override { SDL_GetWindowSize(window_, w, h); }

  PresentTarget acquire() override {
    int w = 0, h = 0;
    size(&w, &h);
    if (w <= 0 || h <= 0) return {};
    wl_display_dispatch_queue_pending(display_, queue_);  // releases SDL's pump already read
    Buffer* pick = nullptr;
    for (int tries = 0; !pick && tries < 100; ++tries) {
      for (Buffer& b : buffers_) {
        if (b.buffer && (b.width != w || b.height != h) && !b.busy) drop(b);
        if (b.buffer && !b.busy && (!pick || b.frame > pick->frame)) pick = &b;  // the freshest free one
      }
      if (!pick)
        for (Buffer& b : buffers_)
          if (!b.buffer) {
            if (allocate(b, w, h)) pick = &b;
            break;
          }
      if (!pick && wl_display_roundtrip_queue(display_, queue_) < 0) break;  // all held: wait for a release
    }
    if (!pick) return {};
    current_ = pick;
    PresentTarget t{{pick->pixels, pick->width, pick->width, pick->height}, pick->frame ? static_cast<int>(frame_ + 1 - pick->frame) : 0};
    pick->frame = ++frame_;
    return t;
  }

  void present(const std::vector<IntRect>& damage) override {
    if (!current_ || damage.empty()) return;
    wl_surface_attach(surface_, current_->buffer, 0, 0);
    const bool buffer_damage = wl_proxy_get_version(reinterpret_cast<wl_proxy*>(surface_)) >= 4;
    for (const IntRect& r : damage) {
      if (buffer_damage)
        wl_surface_damage_buffer(surface_, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
      else
        wl_surface_damage(surface_, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
    }
    wl_surface_commit(surface_);
    current_->busy = true;
    current_ = nullptr;
    wl_display_flush(display_);
  }

 private:
  struct Buffer {
    wl_buffer* buffer = nullptr;
    std::uint32_t* pixels = nullptr;
    std::size_t bytes = 0;
    int width = 0, height = 0;
    bool busy = false;          // attached; the compositor may still read it
    std::uint64_t frame = 0;    // the frame it holds (0: nothing yet)
  };

  bool allocate(Buffer& b, int w, int h) {
    const std::size_t bytes = static_cast<std::size_t>(w) * h * 4;
    const int fd = memfd_create("vsk-frame", MFD_CLOEXEC);
    if (fd < 0) return false;
    if (ftruncate(fd, static_cast<off_t>(bytes)) != 0) {
      close(fd);
      return false;
    }
    void* mem = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (mem == MAP_FAILED) {
      close(fd);
      return false;
    }
    wl_shm_pool* pool = wl_shm_create_pool(shm_, fd, static_cast<int32_t>(bytes));
    b.buffer = wl_shm_pool_create_buffer(pool, 0, w, h, w * 4, WL_SHM_FORMAT_XRGB8888);
    wl_shm_pool_destroy(pool);
    close(fd);
    static const wl_buffer_listener kRelease = {[](void* data, wl_buffer*) { static_cast<Buffer*>(data)->busy = false; }};
    wl_buffer_add_listener(b.buffer, &kRelease, &b);
    b.pixels = static_cast<std::uint32_t*>(mem);
    b.bytes = bytes;
    b.width = w;
    b.height = h;
    b.busy = false;
    b.frame = 0;
    return true;
  }

  // A destroyed buffer the compositor still shows stays valid on its side (it holds its own
  // mapping of the pool), so buffers of an old size can go at once.
  void drop(Buffer& b) {
    if (b.buffer) wl_buffer_destroy(b.buffer);
    if (b.pixels) munmap(b.pixels, b.bytes);
    if (current_ == &b) current_ = nullptr;
    b = Buffer{};
  }

  SDL_Window* window_;
  wl_display* display_;
  wl_surface* surface_;
  wl_event_queue* queue_ = nullptr;
  wl_registry* registry_ = nullptr;
  wl_shm* shm_ = nullptr;
  Buffer buffers_[kBuffers];
  Buffer* current_ = nullptr;
  std::uint64_t frame_ = 0;
};

}  // namespace

std::unique_ptr<Presenter> make_wayland_shm_presenter(SDL_Window* window) {
  SDL_SysWMinfo info;
  SDL_VERSION(&info.version);
  if (!SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_WAYLAND) return nullptr;
  if (!info.info.wl.display || !info.info.wl.surface) return nullptr;
  auto p = std::make_unique<WaylandShmPresenter>(window, info.info.wl.display, info.info.wl.surface);
  if (!p->init()) return nullptr;
  return p;
}

}  // namespace vsk::platform
