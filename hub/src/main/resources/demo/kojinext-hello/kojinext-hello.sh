#!/bin/sh
echo "Hello from a package Koji Next built."
