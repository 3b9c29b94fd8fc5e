#include "providers/healthie/notices.hpp"

#include <iostream>

namespace rosterform::healthie {

Notices::Notices(Sink sink, Sink progress)
    : m_sink(std::move(sink)), m_progress(std::move(progress)) {
  if (!m_sink) {
    m_sink = [](std::string_view text) {
      std::cerr << "warning: " << text << "\n";  // through the CLI's console gate
    };
  }
  if (!m_progress) {
    m_progress = [](std::string_view text) {
      std::fprintf(stderr, "%.*s\n", static_cast<int>(text.size()), text.data());
    };
  }
}

void Notices::report(const std::vector<ApiWarning>& warnings) {
  for (const ApiWarning& w : warnings) {
    if (w.code == "API_VERSION_SUNSET_WARNING" && !m_announced_sunset.empty() &&
        w.sunset_date == m_announced_sunset)
      continue;
    if (!m_seen.insert(w.code + "\n" + w.message).second)
      continue;
    std::string text = describe(w);
    m_shown.push_back(text);
    m_sink(text);
  }
}

void Notices::deprecated(const std::string& text, std::string sunset_date) {
  m_announced_sunset = std::move(sunset_date);
  if (!m_seen.insert("rosterform\n" + text).second)
    return;
  m_shown.push_back(text);
  m_sink(text);
}

std::string describe(const ApiWarning& w) {
  std::string text = "Healthie: " + (w.code.empty() ? std::string("warning") : w.code);
  if (!w.message.empty())
    text += ": " + w.message;
  if (!w.sunset_date.empty() && w.message.find(w.sunset_date) == std::string::npos)
    text += " (sunset " + w.sunset_date + ")";
  return text;
}

}  // namespace rosterform::healthie
