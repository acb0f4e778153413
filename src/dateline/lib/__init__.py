"""Purpose-named helpers shared by every app. Nothing here imports from the apps."""
