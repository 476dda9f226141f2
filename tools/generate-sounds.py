#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Packbench contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes resources/sounds/*.wav: the station's feedback tones, distinct by pitch and rhythm so a
packer who is not looking at the screen knows what happened. Deterministic; standard library only."""
import math, pathlib, struct, wave

RATE = 22050
OUT = pathlib.Path(__file__).resolve().parent.parent / "resources/sounds"

def tone(freq, ms, shape="sine", volume=0.55):
    n = int(RATE * ms / 1000)
    fade = int(RATE * 0.006)  # 6 ms ramps: no clicks
    samples = []
    for i in range(n):
        phase = 2 * math.pi * freq * i / RATE
        v = math.sin(phase) if shape == "sine" else (1.0 if math.sin(phase) >= 0 else -1.0) * 0.6
        env = min(1.0, i / fade, (n - i) / fade)
        samples.append(v * env * volume)
    return samples

def silence(ms):
    return [0.0] * int(RATE * ms / 1000)

# Qt 6.4's QSoundEffect on PulseAudio ends its stream about 0.1 s before the data ends (feedback_sounds_test heard
# a 70 ms chirp as 30 ms and the wrong-item buzz 0.1 s short): every cue ends in silence so only silence is cut.
TAIL_MS = 200

def write(name, samples):
    samples = samples + silence(TAIL_MS)
    OUT.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT / name), "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(max(-1, min(1, s)) * 32767)) for s in samples))

write("good.wav", tone(1568, 70))                                        # one short high chirp
write("wrong-item.wav", tone(196, 450, "square"))                        # long low buzz
write("over-scan.wav", tone(440, 90, "square") + silence(60) + tone(440, 90, "square") + silence(60)
      + tone(440, 90, "square"))                                         # three short mid buzzes
write("unknown.wav", tone(660, 160, "square") + tone(330, 260, "square"))  # falling two-tone
write("complete.wav", tone(523, 110) + tone(659, 110) + tone(784, 110) + tone(1047, 260))  # rising arpeggio
write("notice.wav", tone(880, 60) + silence(40) + tone(880, 60))         # neutral double blip
print("wrote", ", ".join(sorted(p.name for p in OUT.glob("*.wav"))))
