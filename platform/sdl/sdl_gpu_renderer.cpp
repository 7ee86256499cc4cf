#include "sdl/sdl_gpu_renderer.h"

#include <SDL.h>
#include <imgui_impl_sdlrenderer.h>

#include <algorithm>
#include <cctype>

namespace vsk::platform {

std::string current_gl_renderer() {
  using GetString = const unsigned char* (*)(unsigned int);
  auto get = reinterpret_cast<GetString>(SDL_GL_GetProcAddress("glGetString"));
  if (!get || !SDL_GL_GetCurrentContext()) return "";
  const unsigned char* s = get(0x1F01);  // GL_RENDERER
  return s ? reinterpret_cast<const char*>(s) : "";
}

bool is_cpu_gl(const std::string& gl_renderer) {
  std::string r = gl_renderer;
  std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* cpu : {"llvmpipe", "softpipe", "swrast", "software", "lavapipe"})
    if (r.find(cpu) != std::string::npos) return true;
  return false;
}

std::unique_ptr<SdlGpuRenderer> SdlGpuRenderer::create(SDL_Window* window, bool allow_cpu_gl, std::string* why_not) {
  SDL_Renderer* r = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  if (!r) {
    if (why_not) *why_not = std::string("no accelerated SDL renderer: ") + SDL_GetError();
    return nullptr;
  }
  SDL_RendererInfo info{};
  SDL_GetRendererInfo(r, &info);
  const std::string gl = current_gl_renderer();
  if (!allow_cpu_gl && (!(info.flags & SDL_RENDERER_ACCELERATED) || is_cpu_gl(gl))) {
    if (why_not) *why_not = std::string("SDL's ") + info.name + " renderer runs on the CPU (" + gl + ")";
    SDL_DestroyRenderer(r);
    return nullptr;
  }
  return std::unique_ptr<SdlGpuRenderer>(new SdlGpuRenderer(r, std::string(info.name) + (gl.empty() ? "" : " (" + gl + ")")));
}

SdlGpuRenderer::~SdlGpuRenderer() {
  if (attached_) detach_imgui();
  SDL_DestroyRenderer(renderer_);
}

void SdlGpuRenderer::output_size(int* w, int* h) const { SDL_GetRendererOutputSize(renderer_, w, h); }

void SdlGpuRenderer::attach_imgui() {
  ImGui_ImplSDLRenderer_Init(renderer_);
  attached_ = true;
}

void SdlGpuRenderer::detach_imgui() {
  if (!attached_) return;
  ImGui_ImplSDLRenderer_Shutdown();
  attached_ = false;
}

void SdlGpuRenderer::upload_fonts() {
  ImGui_ImplSDLRenderer_CreateFontsTexture();
  ImGui::GetIO().Fonts->ClearTexData();  // the texture holds the pixels now; free both CPU copies
}

void SdlGpuRenderer::release_fonts() { ImGui_ImplSDLRenderer_DestroyFontsTexture(); }

ImTextureID SdlGpuRenderer::create_texture(const std::uint8_t* rgba, int w, int h) {
  SDL_Texture* tex = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, w, h);
  if (!tex) return nullptr;
  SDL_UpdateTexture(tex, nullptr, rgba, w * 4);
  SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
  return static_cast<ImTextureID>(tex);
}

void SdlGpuRenderer::destroy_texture(ImTextureID texture) {
  if (texture) SDL_DestroyTexture(static_cast<SDL_Texture*>(texture));
}

void SdlGpuRenderer::render(ImDrawData* data, std::uint32_t c) {
  SDL_SetRenderDrawColor(renderer_, c & 0xFF, (c >> 8) & 0xFF, (c >> 16) & 0xFF, 255);
  SDL_RenderClear(renderer_);
  ImGui_ImplSDLRenderer_RenderDrawData(data);
}

void SdlGpuRenderer::present() { SDL_RenderPresent(renderer_); }

bool SdlGpuRenderer::read_pixels(std::vector<std::uint8_t>* rgba, int* w, int* h) {
  output_size(w, h);
  rgba->resize(static_cast<std::size_t>(*w) * *h * 4);
  if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, rgba->data(), *w * 4) != 0) return false;
  for (std::size_t i = 3; i < rgba->size(); i += 4) (*rgba)[i] = 255;  // the window has no transparency
  return true;
}

std::int64_t SdlGpuRenderer::last_drawn_pixels() const {
  int w = 0, h = 0;
  output_size(&w, &h);
  return static_cast<std::int64_t>(w) * h;
}

}  // namespace vsk::platform
