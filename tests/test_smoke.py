def test_wrong_password_is_refused_with_a_message(client, auth, world):
    response = auth.login(world.emails["volunteer"], "not the password")
    assert response.status_code == 401
    assert "Wrong email or password." in response.get_data(as_text=True)


def test_volunteer_signs_in(client, auth, world):
    response = auth.login(world.emails["volunteer"])
    assert response.status_code == 302
