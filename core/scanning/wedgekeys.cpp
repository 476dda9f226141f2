// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/scanning/wedgekeys.h"

#include "core/scanning/gs1.h"

namespace pb::scanning {

namespace {

bool isSilentKey(int key)
{
  switch (key) {
  case Qt::Key_Shift:
  case Qt::Key_Control:
  case Qt::Key_Alt:
  case Qt::Key_AltGr:
  case Qt::Key_Meta:
  case Qt::Key_Super_L:
  case Qt::Key_Super_R:
  case Qt::Key_Hyper_L:
  case Qt::Key_Hyper_R:
  case Qt::Key_CapsLock:
  case Qt::Key_NumLock:
  case Qt::Key_ScrollLock:
  case Qt::Key_Mode_switch:
  case Qt::Key_Multi_key: return true;
  default: break;
  }
  return key >= Qt::Key_Dead_Grave && key <= Qt::Key_Dead_Longsolidusoverlay;
}

// Modifiers a scanner (or a layout) needs to produce a character: they do not make it a shortcut.
constexpr Qt::KeyboardModifiers kCharacterModifiers = Qt::ShiftModifier | Qt::KeypadModifier | Qt::GroupSwitchModifier;

} // namespace

WedgeKey classifyWedgeKey(int key, Qt::KeyboardModifiers modifiers, QStringView text)
{
  if (isSilentKey(key) && text.isEmpty())
    return {WedgeKeyRole::Silent, {}};
  const bool control = modifiers.testFlag(Qt::ControlModifier);
  const Qt::KeyboardModifiers other = modifiers & ~(kCharacterModifiers | Qt::ControlModifier);
  if (other != Qt::NoModifier)
    return {WedgeKeyRole::Other, {}}; // Alt+…, Meta+…: a shortcut
  if (text == u"\r" || text == u"\n")
    return {WedgeKeyRole::Terminator, text.toString()}; // Return, keypad Enter, Linefeed, Ctrl+M, Ctrl+J
  if ((key == Qt::Key_Return || key == Qt::Key_Enter) && text.isEmpty())
    return {WedgeKeyRole::Terminator, QStringLiteral("\r")}; // synthesised events may carry no text
  if (key == Qt::Key_Tab && !control)
    return {WedgeKeyRole::Terminator, QStringLiteral("\t")};
  if (text.size() == 1 && text.front() == kGroupSeparator)
    return {WedgeKeyRole::Character, text.toString()}; // Ctrl+] (or Ctrl+AltGr+9 on a German layout)
  if (control || text.isEmpty())
    return {WedgeKeyRole::Other, {}};
  for (const QChar c : text) {
    if (!c.isPrint() && !c.isSurrogate())
      return {WedgeKeyRole::Other, {}};
  }
  return {WedgeKeyRole::Character, text.toString()};
}

} // namespace pb::scanning
