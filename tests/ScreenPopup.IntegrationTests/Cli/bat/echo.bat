@echo off
setlocal EnableDelayedExpansion
echo number=!CLI! event=!EVENT! pin=!PIN!
