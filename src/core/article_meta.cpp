// find_article_meta: the publication date and outlet an article states about itself.
#include <cstdlib>
#include <string_view>

#include "claim.h"
#include "dates.h"

namespace factlens {

ArticleMeta find_article_meta(const std::string& text) {
    ArticleMeta m;
    ExtractOptions none;
    // Scan the claims of the first lines: a dateline is a date at a line start or after "—"/"date",
    // or a line that is only a date (a news listing's item date).
    const std::vector<Claim> claims = extract_claims(text.substr(0, std::min<size_t>(text.size(), 4096)), none);
    for (const Claim& c : claims) {
        if (c.kind != ClaimKind::Date || !c.period_start) continue;
        size_t ls = text.rfind('\n', c.start ? c.start - 1 : 0);
        ls = ls == std::string::npos ? 0 : ls + 1;
        size_t le = text.find('\n', c.end);
        if (le == std::string::npos) le = text.size();
        std::string_view before(text.data() + ls, c.start - ls), after(text.data() + c.end, le - c.end);
        auto trim = [](std::string_view s) {
            while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
            while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
            return s;
        };
        std::string_view b = trim(before), a = trim(after);
        const bool dateline_word = b == "date" || (b.size() >= 3 && b.substr(b.size() - 3) == "\xE2\x80\x94");
        const bool alone = b.empty() && (a.empty() || a == ":" );
        if (dateline_word || alone || (b.empty() && !a.empty() && a[0] == '(')) {
            m.published = c.period_start;
            // "(ECNS)" right after the date names the outlet.
            if (!a.empty() && a[0] == '(') {
                size_t close = a.find(')');
                if (close != std::string_view::npos && close > 1 && close < 40) m.outlet = std::string(a.substr(1, close - 1));
            }
            break;
        }
    }
    return m;
}

} // namespace factlens
