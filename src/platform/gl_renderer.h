// FactLens' ImGui renderer: draws ImDrawData with WebGL2 (OpenGL ES 3.0 through Emscripten).
//
// Usage, with the FactLens WebGL2 context current:
//     gl_renderer_init();                         // once: shader, buffers (asks GL nothing)
//     gl_renderer_create_font_texture();          // after the font atlas is built (and again after
//     ...                                         //   gl_renderer_destroy_font_texture() + a rebuild)
//     ImGui::Render();
//     glViewport(0, 0, fb_w, fb_h); glClear(...); // the caller's; scissor is off between frames
//     gl_renderer_render(ImGui::GetDrawData(), fb_w, fb_h);
//     gl_renderer_check(&error);                  // once, after the first frame's draw calls
//
// Why not imgui_impl_opengl3 (2026-11-26, issue 9 "frame cost"): it is written to live inside someone
// else's GL engine, so every frame it reads back and restores the GL state (about 20 glGetIntegerv /
// glIsEnabled calls). In Chromium each of those is a synchronous round trip to the GPU process, and
// together they cost tens of ms per frame (see ocornut/imgui PR #6085). FactLens owns its context, so
// this renderer sets its state once, remembers what it changes, and never asks GL anything in the
// frame path: no glGet*, glIsEnabled, glGetError or readPixels. (Start-up, issue #9: init asks
// nothing either, so shader compilation overlaps the CPU's work; the one question, whether the
// program linked, is gl_renderer_check(), after the first frame.)
#pragma once
#include <string>

#include "imgui.h"

namespace factlens {

// Starts compiling and linking the shader program, creates the vertex array and buffers and sets
// blending, the texture unit and the other fixed state, without waiting for any of it (no glGet*:
// the GPU process compiles while the CPU goes on; the program is first used by the first
// gl_renderer_render()). Sets io.BackendRendererName. Call once.
void gl_renderer_init();

// Asks, once, whether the shader program linked (a synchronous round trip; by the end of the first
// frame the GPU process is done with it). Returns false with a message in *error (if given) when it
// did not compile or link; the renderer then draws nothing. Later calls return the same answer.
bool gl_renderer_check(std::string* error);

// Uploads io.Fonts' atlas as one single-channel (R8) texture, a quarter of RGBA's size, and sets it
// as the atlas' texture id. The shader reads .r as coverage, so every texture this renderer draws
// must be such a single-channel texture (FactLens draws only text and shapes).
void gl_renderer_create_font_texture();
// Deletes the texture created above and clears the atlas' texture id (before rebuilding the atlas).
void gl_renderer_destroy_font_texture();

// Draws `draw_data` into the framebuffer of fb_w x fb_h pixels (the caller sets the viewport and
// clears). The projection is updated only when the display rectangle changes; vertices and indices
// are uploaded once per draw list. Handles ImDrawCmd::UserCallback and ImDrawCallback_ResetRenderState.
// Indices are 16-bit and ImGuiBackendFlags_RendererHasVtxOffset is not set (WebGL2 has no
// glDrawElementsBaseVertex), so ImGui splits draw lists before 64K vertices.
void gl_renderer_render(ImDrawData* draw_data, int fb_w, int fb_h);

} // namespace factlens
