value = "this line is seventy-nine characters long, one more than snippets OK."
