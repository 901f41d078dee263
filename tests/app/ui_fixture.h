// A headless ImGui context for app tests: fonts built from the embedded assets, no renderer.
#pragma once
#include <string>

#include "app_fonts.h"
#include "app_state.h"
#include "app_ui.h"
#include "imgui.h"

struct UiFixture {
    factlens::AppState app;
    factlens::AppFonts fonts;
    std::string clipboard;

    explicit UiFixture(float scale = 1.0f, float w = 1200, float h = 720) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(w * scale, h * scale);
        io.DeltaTime = 1.0f / 60;
        io.ConfigInputTextCursorBlink = false;
        io.ClipboardUserData = this;
        io.SetClipboardTextFn = [](void* ud, const char* t) { ((UiFixture*)ud)->clipboard = t; };
        io.GetClipboardTextFn = [](void* ud) { return ((UiFixture*)ud)->clipboard.c_str(); };
        factlens::build_fonts(io.Fonts, factlens::font_pixel_size(scale), &fonts);
        unsigned char* pixels;
        int tw, th;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);  // marks the atlas built, as a renderer would
        factlens::apply_style(scale);
        app.ui_scale = scale;
        app.version = "test";
        factlens::load_embedded_corpus(app);
    }
    ~UiFixture() { ImGui::DestroyContext(); }

    void frame(int n = 1) {
        for (int i = 0; i < n; ++i) {
            ImGui::NewFrame();
            factlens::app_frame(app, fonts);
            ImGui::Render();
        }
    }
    void click(float x, float y) {
        ImGuiIO& io = ImGui::GetIO();
        io.AddMousePosEvent(x, y);
        frame();
        io.AddMouseButtonEvent(0, true);
        frame();
        io.AddMouseButtonEvent(0, false);
        frame(2);
    }
};
