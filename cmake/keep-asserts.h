// SPDX-FileCopyrightText: 2026 Packbench contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Force-included when PACKBENCH_ASSERTS is on (the testing preset): an optimised build that still
// checks Q_ASSERT and assert(). A forced include runs after every -D, so Qt's QT_NO_DEBUG loses.
#undef NDEBUG
#undef QT_NO_DEBUG
