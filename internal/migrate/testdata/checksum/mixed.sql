mixed
endingshere
no final newline