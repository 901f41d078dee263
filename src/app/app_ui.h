// The FactLens UI: one function that builds a frame from AppState. Called between ImGui::NewFrame()
// and ImGui::Render() by the platform layer (or by tests, natively, with no renderer at all).
#pragma once

#include "app_fonts.h"
#include "app_state.h"

namespace factlens {

// Resets ImGui's style to FactLens's light theme, with every size multiplied by ui_scale.
void apply_style(float ui_scale);

// Builds the whole window: article list, reader, status bar.
void app_frame(AppState& s, const AppFonts& fonts);

// Pieces of app_frame, one file each.
void article_list_view(AppState& s, const AppFonts& fonts);
void reader_view(AppState& s, const AppFonts& fonts, bool compact = false);  // compact: one-line header
void status_bar_view(AppState& s);
void facts_view(AppState& s, const AppFonts& fonts);

} // namespace factlens
