"""Developer tools: screenshots."""
