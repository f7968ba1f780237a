#!/usr/bin/env python3
"""Generates the answering-machine detection set (docs/telephony.md): what a callee's first seconds sound like,
as 8 kHz G.711 mu-law raw files, from espeak-ng voices and sox.

    scripts/amd_corpus.py OUT_DIR

writes OUT_DIR/<name>.ul and OUT_DIR/manifest.tsv (name, class human|machine, split tune|heldout, description).
The tuning split uses two voices at two speaking rates; the held-out split other voices, rates, background noise,
late answers, longer human answers and machines with and without a beep. sox runs with -R, so a run is repeatable.
"""
import os
import subprocess
import sys
import tempfile

HUMAN = [
    ("hello", "Hello?"),
    ("hello-flat", "Hello."),
    ("yes", "Yes?"),
    ("yeah-hello", "Yeah, hello?"),
    ("this-is-maria", "Hello, this is Maria."),
    ("who-is-this", "Hi, who is this?"),
    ("residence", "Hello, Peterson residence."),
    ("speaking", "Mark speaking."),
]
MACHINE = [
    ("reached-anna", "Hi, you've reached Anna. I can't take your call right now. "
     "Please leave a message after the beep."),
    ("not-available", "The person you are trying to reach is not available. "
     "At the tone, please record your message."),
    ("john-smith", "Hello, this is John Smith. Sorry I missed you. "
     "Leave your name and number and I will call you back."),
    ("voicemail-box", "You have reached the voicemail box of five five five, oh one four two. "
     "Please leave a message."),
    ("business", "Thank you for calling Acme Dental. Our office is now closed. "
     "Please leave a message and we will return your call."),
]
TUNE_VOICES = [("en-us", 160), ("en-us+f3", 175)]
HELDOUT_VOICES = [("en-gb", 130), ("en-gb-scotland+f2", 200), ("en-029+m3", 150), ("en-us+f4", 220)]


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def clip(out, tmp, name, text, voice, rate, delay, tail, beep=False, noise=None, repeat_after=None):
    speech = os.path.join(tmp, name + ".speech.wav")
    run("espeak-ng", "-v", voice, "-s", str(rate), "-w", speech, text)
    parts = os.path.join(tmp, name + ".parts.wav")
    # The answer's delay before the first word, the words, then what follows them.
    pieces = [speech]
    if repeat_after is not None:
        gap = os.path.join(tmp, name + ".gap.wav")
        run("sox", "-R", "-n", "-r", "22050", "-c", "1", gap, "trim", "0", str(repeat_after))
        pieces += [gap, speech]
    if beep:
        pause = os.path.join(tmp, name + ".pause.wav")
        run("sox", "-R", "-n", "-r", "22050", "-c", "1", pause, "trim", "0", "0.4")
        tone = os.path.join(tmp, name + ".tone.wav")
        run("sox", "-R", "-n", "-r", "22050", "-c", "1", "-b", "16", tone, "synth", "0.7", "sine", "1000", "vol", "0.5")
        pieces += [pause, tone]
    run("sox", "-R", *pieces, parts, "pad", str(delay), str(tail))
    final = parts
    if noise is not None:
        kind, volume = noise
        length = float(subprocess.run(["soxi", "-D", parts], check=True, capture_output=True, text=True).stdout)
        hum = os.path.join(tmp, name + ".noise.wav")
        run("sox", "-R", "-n", "-r", "22050", "-c", "1", "-b", "16", hum, "synth", str(length), kind, "vol", str(volume))
        final = os.path.join(tmp, name + ".mixed.wav")
        run("sox", "-R", "-m", parts, hum, final)
    run("sox", "-R", final, "-r", "8000", "-c", "1", "-e", "mu-law", "-t", "raw", os.path.join(out, name + ".ul"))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: amd_corpus.py OUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for split, voices in (("tune", TUNE_VOICES), ("heldout", HELDOUT_VOICES)):
            for vi, (voice, rate) in enumerate(voices):
                tag = voice.replace("+", "_")
                for hi, (key, text) in enumerate(HUMAN):
                    variants = [("", 0.3, None, None)]
                    if split == "heldout":
                        variants = [
                            ("", 0.3, None, None),
                            ("-late", 1.8, None, None),
                            ("-noisy", 0.4, ("brownnoise", 0.05 + 0.03 * vi), None),
                            ("-twice", 0.5, None, 1.2),
                        ]
                    for suffix, delay, noise, repeat in variants:
                        name = f"human-{key}-{tag}-{rate}{suffix}"
                        clip(out, tmp, name, text, voice, rate, delay, 3.5, noise=noise, repeat_after=repeat)
                        rows.append((name, "human", split, f"{text!r} {voice} {rate} wpm{suffix}"))
                for mi, (key, text) in enumerate(MACHINE):
                    variants = [("", 0.4, False, None)]
                    if split == "heldout":
                        variants = [
                            ("", 0.4, (mi + vi) % 2 == 0, None),
                            ("-beep", 0.2, True, None),
                            ("-noisy", 0.6, False, ("whitenoise", 0.02 + 0.02 * vi)),
                            ("-slow-start", 1.5, False, None),
                        ]
                    for suffix, delay, beep, noise in variants:
                        name = f"machine-{key}-{tag}-{rate}{suffix}"
                        clip(out, tmp, name, text, voice, rate, delay, 1.0, beep=beep, noise=noise)
                        rows.append((name, "machine", split, f"{key} {voice} {rate} wpm{suffix}"))
    with open(os.path.join(out, "manifest.tsv"), "w") as manifest:
        manifest.write("name\tclass\tsplit\tdescription\n")
        for row in rows:
            manifest.write("\t".join(row) + "\n")
    print(f"{len(rows)} clips in {out}")


if __name__ == "__main__":
    main()
