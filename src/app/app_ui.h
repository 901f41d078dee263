// The FactLens UI: one function that builds a frame from AppState. Called between ImGui::NewFrame()
// and ImGui::Render() by the platform layer (or by tests, natively, with no renderer at all).
#pragma once

#include "app_fonts.h"
#include "app_state.h"

#include <string>

namespace factlens {

// Resets ImGui's style to FactLens's light theme, with every size multiplied by ui_scale.
void apply_style(float ui_scale);

// Builds the whole window: article list, reader, status bar.
void app_frame(AppState& s, const AppFonts& fonts);

// Small widgets shared by the views (app_ui.cpp).
// An InputTextWithHint backed by a std::string of any length.
bool input_string(const char* id, const char* hint, std::string* str, int flags = 0);
// The colour of a fact kind (ClaimKind as a byte): text at alpha 1, tints below it.
unsigned int fact_kind_color(unsigned char kind, float alpha = 1.0f);

// Pieces of app_frame, one file each.
void article_list_view(AppState& s, const AppFonts& fonts);
void reader_view(AppState& s, const AppFonts& fonts, bool compact = false);  // compact: one-line header
void status_bar_view(AppState& s);
void facts_view(AppState& s, const AppFonts& fonts);
void rates_view(AppState& s, const AppFonts& fonts);
void compare_view(AppState& s, const AppFonts& fonts);
void diff_view(AppState& s, const AppFonts& fonts);
void currency_bar(AppState& s);  // the currency toggle, under the view tabs in every view

} // namespace factlens
