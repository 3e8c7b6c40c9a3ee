"""Audio capture, playback, interviewer voice and the telephone channel (Qt-free)."""
