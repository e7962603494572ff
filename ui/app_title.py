"""The program's name, in the window title and every dialog's."""

APP_TITLE = "填报助手"
