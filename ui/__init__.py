"""The Qt shell over forms/, storage/ and exporters/. Holds no business rule of its own."""
