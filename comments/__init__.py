"""Readers' comments: model, sanitising renderer, anti-spam, moderation, views."""
