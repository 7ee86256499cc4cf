// Software frames on Wayland (cage, the kiosk's session) without EGL: SDL2's Wayland driver
// has no native window framebuffer, so SDL_GetWindowSurface would upload every frame to a GL
// texture through Mesa (llvmpipe on a PC without GPU driver: libLLVM's 54 MiB and ~28 % of a
// frame). Instead we attach wl_shm buffers to SDL's own wl_surface; SDL keeps the window
// (xdg-shell, input, fullscreen), we only fill it. Two or three buffers in turn, each drawn
// only where it is behind (buffer age), damage sent with the commit.
#pragma once

#include <memory>

#include "sdl/presenter.h"

struct SDL_Window;

namespace vsk::platform {

// Null when the window is not a Wayland one or the compositor offers no wl_shm.
std::unique_ptr<Presenter> make_wayland_shm_presenter(SDL_Window* window);

}  // namespace vsk::platform
