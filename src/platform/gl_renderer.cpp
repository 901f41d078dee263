#include "gl_renderer.h"

#include <GLES3/gl3.h>

#include <cstddef>
#include <cstdint>

namespace factlens {
namespace {

// imgui_impl_opengl3's GLSL ES 3.00 pair, except that the texture is single-channel coverage: the
// fragment is the vertex colour with its alpha times .r. An RGBA atlas holds (255, 255, 255, a)
// texels, so the result is the same as Frag_Color * texture(...) there.
// No uniforms, so nothing needs glGetUniformLocation (a synchronous round trip to the GPU process,
// and in Emscripten a walk of the program's active uniforms): the projection is an orthographic
// scale and offset, passed as the constant value of attribute 3 (glVertexAttrib4f, array disabled);
// the sampler is left at its default, texture unit 0.
const char* const kVertexShader = R"(#version 300 es
precision highp float;
layout (location = 0) in vec2 Position;
layout (location = 1) in vec2 UV;
layout (location = 2) in vec4 Color;
layout (location = 3) in vec4 Proj;  // constant (array off): xy scale, zw offset
out vec2 Frag_UV;
out vec4 Frag_Color;
void main() {
    Frag_UV = UV;
    Frag_Color = Color;
    gl_Position = vec4(Position.xy * Proj.xy + Proj.zw, 0, 1);
}
)";

const char* const kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D Texture;
in vec2 Frag_UV;
in vec4 Frag_Color;
layout (location = 0) out vec4 Out_Color;
void main() {
    Out_Color = Frag_Color * vec4(1.0, 1.0, 1.0, texture(Texture, Frag_UV).r);
}
)";

constexpr GLuint kUnknown = ~0u;  // a cached texture binding nobody knows (after a user callback)

// Everything the renderer owns, and the GL state it last set (so it never sets it twice, and never
// has to ask GL what it is).
struct Renderer {
    GLuint program = 0, vao = 0, vbo = 0, ebo = 0, font_texture = 0;
    GLuint vs = 0, fs = 0;                    // kept until gl_renderer_check(): their logs, on failure
    bool program_used = false;                // glUseProgram ran (on the first draw, not at init)
    bool proj_set = false;
    float proj_l = 0, proj_t = 0, proj_r = 0, proj_b = 0;  // display rectangle of the projection (attribute 3)
    GLuint bound_texture = kUnknown;
    int scissor_test = -1;                    // GL_SCISSOR_TEST: 0 off, 1 on, -1 unknown
    GLint scissor[4] = {-1, -1, -1, -1};      // the last glScissor box; {-1, ...} unknown
};
Renderer r;

GLuint compile(GLenum type, const char* source) {
    const GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);  // its status is asked once, by gl_renderer_check()
    return shader;
}

// Forgets the cached texture and scissor state: a user callback may have changed them.
void forget_cached_state() {
    r.bound_texture = kUnknown;
    r.scissor_test = -1;
    r.scissor[0] = r.scissor[1] = r.scissor[2] = r.scissor[3] = -1;
}

// The whole fixed state: set at init (the program on the first draw) and on
// ImDrawCallback_ResetRenderState, never in between.
void set_fixed_state() {
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // R8 rows of any width
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(r.vao);               // holds the index buffer and the attribute layout
    glBindBuffer(GL_ARRAY_BUFFER, r.vbo);
    forget_cached_state();
    r.proj_set = false;
}

void set_render_state() {
    set_fixed_state();
    glUseProgram(r.program);
}

void set_scissor_test(bool on) {
    if (r.scissor_test == (int)on) return;
    if (on) glEnable(GL_SCISSOR_TEST); else glDisable(GL_SCISSOR_TEST);
    r.scissor_test = on;
}

void set_projection(const ImDrawData* d) {
    const float L = d->DisplayPos.x, R = d->DisplayPos.x + d->DisplaySize.x;
    const float T = d->DisplayPos.y, B = d->DisplayPos.y + d->DisplaySize.y;
    if (r.proj_set && L == r.proj_l && R == r.proj_r && T == r.proj_t && B == r.proj_b) return;
    // imgui_impl_opengl3's orthographic matrix, which only scales and offsets x and y.
    glVertexAttrib4f(3, 2.0f / (R - L), 2.0f / (T - B), (R + L) / (L - R), (T + B) / (B - T));
    r.proj_set = true;
    r.proj_l = L, r.proj_r = R, r.proj_t = T, r.proj_b = B;
}

void bind_texture(GLuint texture) {
    if (texture == r.bound_texture) return;
    glBindTexture(GL_TEXTURE_2D, texture);
    r.bound_texture = texture;
}

} // namespace

void gl_renderer_init() {
    // Compiled and linked in the GPU process while the CPU goes on (fonts, the first frame's
    // layout): nothing here waits for it. The program is first used by the first draw.
    r.vs = compile(GL_VERTEX_SHADER, kVertexShader);
    r.fs = compile(GL_FRAGMENT_SHADER, kFragmentShader);
    r.program = glCreateProgram();
    glAttachShader(r.program, r.vs);
    glAttachShader(r.program, r.fs);
    glLinkProgram(r.program);

    glGenVertexArrays(1, &r.vao);
    glGenBuffers(1, &r.vbo);
    glGenBuffers(1, &r.ebo);
    glBindVertexArray(r.vao);
    glBindBuffer(GL_ARRAY_BUFFER, r.vbo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.ebo);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    const GLsizei stride = sizeof(ImDrawVert);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, (const void*)offsetof(ImDrawVert, pos));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, (const void*)offsetof(ImDrawVert, uv));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, (const void*)offsetof(ImDrawVert, col));
    set_fixed_state();
    set_scissor_test(false);
    glFlush();  // let the GPU process start compiling now

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "factlens_webgl2";  // no RendererHasVtxOffset: see the header
}

bool gl_renderer_check(std::string* error) {
    if (!r.vs && !r.fs) return r.program != 0;  // checked already
    GLint ok = 0;
    glGetProgramiv(r.program, GL_LINK_STATUS, &ok);  // once; the program has been used by then
    if (!ok && error) {
        char log[1024] = {};
        for (GLuint sh : {r.vs, r.fs}) {
            GLint compiled = 0;
            glGetShaderiv(sh, GL_COMPILE_STATUS, &compiled);
            if (compiled) continue;
            glGetShaderInfoLog(sh, sizeof log, nullptr, log);
            *error = std::string(sh == r.vs ? "vertex" : "fragment") + " shader: " + log;
            break;
        }
        if (error->empty()) {
            glGetProgramInfoLog(r.program, sizeof log, nullptr, log);
            *error = std::string("shader program: ") + log;
        }
    }
    glDetachShader(r.program, r.vs);
    glDetachShader(r.program, r.fs);
    glDeleteShader(r.vs);
    glDeleteShader(r.fs);
    r.vs = r.fs = 0;
    if (!ok) {
        glDeleteProgram(r.program);
        r.program = 0;
    }
    return ok != 0;
}

void gl_renderer_create_font_texture() {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    glGenTextures(1, &r.font_texture);
    bind_texture(r.font_texture);
    // Bilinear: ImGui's baked anti-aliased lines need it.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID((ImTextureID)(intptr_t)r.font_texture);
}

void gl_renderer_destroy_font_texture() {
    if (!r.font_texture) return;
    glDeleteTextures(1, &r.font_texture);  // unbinds it if bound
    if (r.bound_texture == r.font_texture) r.bound_texture = 0;
    r.font_texture = 0;
    ImGui::GetIO().Fonts->SetTexID(0);
}

void gl_renderer_render(ImDrawData* draw_data, int fb_w, int fb_h) {
    if (!draw_data || draw_data->CmdListsCount == 0 || fb_w <= 0 || fb_h <= 0) return;
    if (!r.program_used) {
        // Chromium asks the GPU process for the link status on a program's first use: done on the
        // first draw, by when the link has long finished, rather than at init, where it would wait.
        glUseProgram(r.program);
        r.program_used = true;
    }
    set_projection(draw_data);
    set_scissor_test(true);
    const ImVec2 clip_off = draw_data->DisplayPos;
    const ImVec2 clip_scale = draw_data->FramebufferScale;
    const GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;

    for (int n = 0; n < draw_data->CmdListsCount; ++n) {
        const ImDrawList* list = draw_data->CmdLists[n];
        glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)list->VtxBuffer.Size * (GLsizeiptr)sizeof(ImDrawVert),
                     list->VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr)list->IdxBuffer.Size * (GLsizeiptr)sizeof(ImDrawIdx),
                     list->IdxBuffer.Data, GL_STREAM_DRAW);
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
                    set_render_state();
                    set_projection(draw_data);
                    set_scissor_test(true);
                } else {
                    cmd.UserCallback(list, &cmd);
                    forget_cached_state();
                }
                continue;
            }
            const ImVec2 clip_min((cmd.ClipRect.x - clip_off.x) * clip_scale.x, (cmd.ClipRect.y - clip_off.y) * clip_scale.y);
            const ImVec2 clip_max((cmd.ClipRect.z - clip_off.x) * clip_scale.x, (cmd.ClipRect.w - clip_off.y) * clip_scale.y);
            if (clip_max.x <= clip_min.x || clip_max.y <= clip_min.y || cmd.ElemCount == 0) continue;
            const GLint box[4] = {(GLint)clip_min.x, (GLint)((float)fb_h - clip_max.y),
                                  (GLint)(clip_max.x - clip_min.x), (GLint)(clip_max.y - clip_min.y)};
            if (box[0] != r.scissor[0] || box[1] != r.scissor[1] || box[2] != r.scissor[2] || box[3] != r.scissor[3]) {
                glScissor(box[0], box[1], box[2], box[3]);
                for (int i = 0; i < 4; ++i) r.scissor[i] = box[i];
            }
            bind_texture((GLuint)(intptr_t)cmd.GetTexID());
            IM_ASSERT(cmd.VtxOffset == 0);  // RendererHasVtxOffset is not set
            glDrawElements(GL_TRIANGLES, (GLsizei)cmd.ElemCount, index_type,
                           (const void*)(intptr_t)(cmd.IdxOffset * sizeof(ImDrawIdx)));
        }
    }
    set_scissor_test(false);  // the caller's glClear must cover the whole framebuffer
}

} // namespace factlens
