"""The tree stage: tokens → where the closing starts, the section tree, each section's heading."""
