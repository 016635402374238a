@echo off
setlocal EnableDelayedExpansion
echo "!CLI!"
