print("fenliu")
