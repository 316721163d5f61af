#!/usr/bin/env node
console.log('accessloop');
